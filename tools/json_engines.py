"""`python tools/json_engines.py [--url URL] [--store-dir DIR]`: the real answers of some pages' callbacks serialised
by Plotly's two engines, `json` and `orjson` (needs orjson installed), in the thread's CPU ms (median of 5).

Measured on the scale-1 demo (issue 12): orjson was no faster (trends 9.2 ms json, 10.4 ms orjson; a 231 KiB grid
3.7 and 4.0 ms): Plotly's orjson path first walks the whole answer in Python (`clean_to_json_compatible`), which
costs what orjson saves. So orjson is not a dependency.
"""

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import callback_times as ct  # noqa: E402
import plotly.io.json as pj  # noqa: E402

recorded = []
original = pj.to_json_plotly


def recording(obj, *args, **kwargs):
    recorded.append(obj)
    return original(obj, *args, **kwargs)


pj.to_json_plotly = recording
parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
parser.add_argument("--url", default=f"sqlite:///{ct.ROOT / 'var' / 'bench' / 'demo.sqlite'}")
parser.add_argument("--store-dir", type=Path)
args = parser.parse_args()
app, client = ct.build_app(args.url, args.store_dir, False)
print("| callback | json ms | orjson ms | answer KiB |\n|---|--:|--:|--:|")
for page in ("overview", "no-shows", "regions", "interpreters"):
    for body in ct.page_bodies(app, page):
        recorded.clear()
        client.post("/_dash-update-component", json=body)
        answers = [o for o in recorded if isinstance(o, dict) and "response" in o]
        if not answers:
            continue
        obj = answers[-1]
        row = [body["output"][:50]]
        for engine in ("json", "orjson"):
            cpu = []
            for _ in range(5):
                started = time.thread_time()
                text = original(obj, engine=engine)
                cpu.append((time.thread_time() - started) * 1000)
            row.append(statistics.median(cpu))
        print(f"| `{row[0]}` | {row[1]:.1f} | {row[2]:.1f} | {len(text) / 1024:.0f} |", flush=True)

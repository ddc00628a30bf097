"""What becomes of each request: its final outcome, the interpreter, the timestamps, and its status at "now".

Every request first gets the outcome it will end with and the moments things happen (matched, closed,
validated). Then "now" cuts the story: what lies after now has not happened yet, so recent requests are
`pending` or `matched`, exactly as in a live system, and `updated_at` is the last moment that did happen.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from dashboard import codes
from dashboard.demo import calibration as cal
from dashboard.demo.activity import DAY, HOUR, MINUTE, Month, Supply, bucket_keys, fill_probability, matching_pressure

NAT = np.datetime64("NaT", "s")


def decide(rng, frame: pd.DataFrame, supply: Supply, month: Month, k: dict[str, float]):
    """Final status and interpreter of every request, and the taalhulp invitations (request index based)."""
    size = len(frame)
    status = np.full(size, "", dtype=object)
    interpreter = np.zeros(size, dtype=np.int64)
    other = rng.random(size) < frame.modality.map(cal.OTHER_REASON_RATE).to_numpy(float)
    wrong = rng.random(size) < cal.WRONG_SERVICE_SHARE
    status[other] = np.where(wrong[other], "unanswered_wrong_service", "unanswered_other")

    by_interpreter = ~other & (frame.service == "interpreter").to_numpy()
    k_per_request = frame.modality.map(k).to_numpy(float)
    p = fill_probability(*matching_pressure(frame, supply, month), k_per_request)
    matched = by_interpreter & (rng.random(size) < p)
    offered = frame.language_id.isin(supply.offered_languages).to_numpy()
    status[by_interpreter & ~matched] = np.where(
        offered[by_interpreter & ~matched], "unanswered_no_interpreter", "unanswered_language_unavailable"
    )
    interpreter[matched] = _assign(rng, frame[matched], supply, month)

    by_helper = ~other & (frame.service == "taalhulp").to_numpy()
    invitations, helper = _invite(rng, frame, np.flatnonzero(by_helper), supply)
    helped = by_helper & (helper > 0)
    interpreter[helped] = helper[helped]
    status[by_helper & ~helped] = "unanswered_no_interpreter"

    answered = matched | helped
    status[answered] = _fall_through(rng, frame[answered])
    return status, interpreter, invitations


def _assign(rng, matched: pd.DataFrame, supply: Supply, month: Month) -> np.ndarray:
    """Pick an interpreter in each bucket, weighted by capacity and the matchers' preference for kinds."""
    chosen = np.zeros(len(matched), dtype=np.int64)
    keys = bucket_keys(matched).to_numpy()
    for modality in codes.MODALITIES:
        in_modality = (matched.modality == modality).to_numpy()
        if not in_modality.any():
            continue
        eligible = supply.eligible(modality, month)
        eligible = eligible[eligible.weight > 0]
        eligible_keys = bucket_keys(eligible.assign(modality=modality)).to_numpy()
        for key in np.unique(keys[in_modality]):
            rows = np.flatnonzero(keys == key)
            candidates = eligible[eligible_keys == key]
            weights = candidates.weight.to_numpy(float)
            chosen[rows] = rng.choice(candidates.interpreter_id.to_numpy(), size=len(rows), p=weights / weights.sum())
    return chosen


def _invite(rng, frame: pd.DataFrame, rows: np.ndarray, supply: Supply):
    """The taalhulp self-match flow (DOMAIN §4.3): up to three helpers invited in turn until one accepts."""
    helpers = supply.pairs[(supply.pairs.kind == "taalhulp") & (supply.pairs.capacity > 0)]
    pools = {
        key: group.interpreter_id.to_numpy() for key, group in helpers.groupby(["local_government_id", "language_id"])
    }
    accepted_by = np.zeros(len(frame), dtype=np.int64)
    sent_rows = []
    for row in rows:
        pool = pools.get((frame.local_government_id.iat[row], frame.language_id.iat[row]))
        if pool is None:
            continue
        sent = frame.requested_at.iat[row] + rng.integers(2, 60) * MINUTE
        for helper in rng.permutation(pool)[: cal.MAX_INVITATIONS]:
            u = rng.random()
            response = (
                "accepted"
                if u < cal.INVITATION_ACCEPT
                else ("refused" if u < cal.INVITATION_ACCEPT + cal.INVITATION_REFUSE else None)
            )
            responded = sent + int(rng.lognormal(np.log(300), 1.0)) * MINUTE if response else NAT
            sent_rows.append((row, int(helper), sent, responded, response))
            if response == "accepted":
                accepted_by[row] = helper
                break
            sent = (responded if response else sent + 2 * DAY) + rng.integers(5, 120) * MINUTE
    invitations = pd.DataFrame(sent_rows, columns=["row", "interpreter_id", "sent_at", "responded_at", "response"])
    return invitations, accepted_by


def _fall_through(rng, answered: pd.DataFrame) -> np.ndarray:
    """Completed, or one of the six ways an answered request does not happen."""
    statuses = np.full(len(answered), "completed", dtype=object)
    sector_factor = answered.sector.map(cal.SECTOR_NOT_COMPLETED_FACTOR).fillna(1.0).to_numpy(float)
    base = answered.modality.map(cal.NOT_COMPLETED_RATE).to_numpy(float)
    modality = answered.modality.to_numpy()
    mean_factor = pd.Series(sector_factor).groupby(modality).transform("mean").to_numpy()
    falls = rng.random(len(answered)) < np.clip(base * sector_factor / mean_factor, 0, 1)
    for modality, split in cal.NOT_COMPLETED_SPLIT.items():
        mask = falls & (answered.modality == modality).to_numpy()
        if mask.any():
            names = list(split)
            weights = np.array([split[n] for n in names])
            statuses[mask] = rng.choice(names, size=mask.sum(), p=weights / weights.sum())
    return statuses


# --- timeline ---------------------------------------------------------------------------------------------------


def timeline(rng, frame: pd.DataFrame, status: np.ndarray, invitations: pd.DataFrame) -> pd.DataFrame:
    """Matched, closed and validated moments, actual minutes and evaluation, as if every request were over."""
    size = len(frame)
    requested = frame.requested_at.to_numpy("datetime64[s]")
    start = frame.scheduled_start.to_numpy("datetime64[s]")
    booked = pd.to_numeric(frame.duration_min, errors="coerce").fillna(0).to_numpy(float)
    ends = start + (booked * 60).astype("timedelta64[s]")
    lead = start - requested
    ad_hoc = lead < HOUR

    matched_at = _between(rng, requested + 5 * MINUTE, start - 30 * MINUTE, rng.lognormal(np.log(20), 1.0, size) * HOUR)
    matched_at = np.where(ad_hoc, requested + rng.integers(30, 180, size).astype("timedelta64[s]"), matched_at)
    helper_accepted = invitations[invitations.response == "accepted"]
    matched_at[helper_accepted.row.to_numpy(int)] = helper_accepted.responded_at.to_numpy("datetime64[s]")

    closed_at = np.full(size, NAT)
    # Matchers keep searching until shortly before the appointment; "other reason" is clear within a day.
    searched = np.maximum(requested + 10 * MINUTE, start - (rng.uniform(2, 48, size) * 3600).astype("timedelta64[s]"))
    quick = _between(rng, requested + 10 * MINUTE, start, rng.uniform(0.2, 24, size) * HOUR)
    searched = np.where(np.isin(status, codes.OTHER_REASON), quick, searched)
    searched = np.where(ad_hoc, requested + rng.integers(60, 600, size).astype("timedelta64[s]"), searched)
    unanswered = np.isin(status, codes.UNANSWERED)
    closed_at[unanswered] = searched[unanswered]
    if not invitations.empty:  # a taalhulp request closes when the last helper refused or let it lie
        last = invitations.groupby("row").agg(sent=("sent_at", "max"), responded=("responded_at", "max"))
        declined = np.isin(last.index.to_numpy(int), np.flatnonzero(unanswered))
        rows = last.index.to_numpy(int)[declined]
        sent = last.sent.to_numpy("datetime64[s]")[declined]
        closed_at[rows] = np.maximum(_or(last.responded.to_numpy("datetime64[s]")[declined], sent), sent + 2 * DAY)

    # Recorded after the appointment, and never before the match (a helper may accept late).
    after_event = np.maximum(ends, matched_at) + rng.lognormal(np.log(6), 1.2, size).astype("timedelta64[h]")
    before_start = _between(rng, matched_at, start, (start - matched_at) * rng.random(size))
    timely = _between(rng, matched_at, start - DAY, (start - DAY - matched_at) * rng.random(size))
    late = np.maximum(matched_at, start - (rng.random(size) * 24 * 3600).astype("timedelta64[s]"))
    for names, moment in (
        (("completed", "no_show_client", "no_show_interpreter"), after_event),
        (("cancelled_client_timely",), timely),
        (("cancelled_client_late",), late),
        (("cancelled_interpreter", "cancelled_service"), before_start),
    ):
        mask = np.isin(status, names)
        closed_at[mask] = moment[mask]

    completed = status == "completed"
    actual = np.where(completed & (booked > 0), np.maximum(5, np.round(booked * rng.normal(1.0, 0.15, size))), np.nan)
    validated = completed & (rng.random(size) < cal.VALIDATED_SHARE)
    validated_at = np.where(
        validated, closed_at + (rng.exponential(cal.VALIDATION_DAYS, size) * 86400).astype("timedelta64[s]"), NAT
    )
    evaluation = np.where(
        validated & (rng.random(size) < 0.45), rng.choice([1, 2, 3, 4, 5], size, p=[0.02, 0.04, 0.14, 0.38, 0.42]), 0
    )
    answered = np.isin(status, codes.ANSWERED)
    return pd.DataFrame(
        {
            "matched_at": np.where(answered, matched_at, NAT),
            "closed_at": closed_at,
            "validated_at": validated_at,
            "actual_min": actual,
            "evaluation": evaluation,
        }
    )


def _between(rng, low: np.ndarray, high: np.ndarray, offset: np.ndarray) -> np.ndarray:
    """low + offset, kept within [low, max(low, high)]."""
    moment = low + np.asarray(offset).astype("timedelta64[s]")
    return np.maximum(low, np.minimum(moment, np.maximum(low, high)))


def cut_at_now(
    rng, frame: pd.DataFrame, status: np.ndarray, interpreter: np.ndarray, times: pd.DataFrame, now: np.datetime64
) -> pd.DataFrame:
    """The requests as the operational database holds them at `now`, with a few seeded data-quality defects."""
    status = status.copy()
    matched_at = times.matched_at.to_numpy("datetime64[s]").copy()
    closed_at = times.closed_at.to_numpy("datetime64[s]").copy()
    validated_at = times.validated_at.to_numpy("datetime64[s]").copy()
    actual = times.actual_min.to_numpy(float).copy()
    evaluation = times.evaluation.to_numpy().copy()
    interpreter = interpreter.copy()

    stale = (rng.random(len(status)) < frame.modality.map(cal.STALE_IN_PROGRESS_RATE).to_numpy(float)) & np.isin(
        status, codes.ANSWERED
    )
    open_ = (closed_at > now) | np.isnat(closed_at) | stale
    not_matched_yet = np.isnat(matched_at) | (matched_at > now)
    status[open_] = np.where(not_matched_yet[open_], "pending", "matched")
    for array in (closed_at, validated_at):
        array[open_] = NAT
    matched_at[open_ & not_matched_yet] = NAT
    interpreter[open_ & not_matched_yet] = 0
    validated_at[validated_at > now] = NAT
    open_or_unvalidated = open_ | np.isnat(validated_at)
    actual[open_] = np.nan
    evaluation[open_or_unvalidated] = 0

    past = ~open_ & (closed_at < now - 30 * DAY)
    missing_close = past & (rng.random(len(status)) < cal.MISSING_CLOSED_AT_RATE)
    out_of_order = past & ~np.isnat(matched_at) & (rng.random(len(status)) < cal.OUT_OF_ORDER_RATE)
    requested = frame.requested_at.to_numpy("datetime64[s]")
    matched_at[out_of_order] = requested[out_of_order] - rng.integers(1, 48, out_of_order.sum()) * HOUR
    scheduled = _registration_slips(rng, requested, frame.scheduled_start.to_numpy("datetime64[s]"), past)

    updated = np.max(
        np.stack([requested, _or(matched_at, requested), _or(closed_at, requested), _or(validated_at, requested)]),
        axis=0,
    )
    closed_at[missing_close] = NAT
    return pd.DataFrame(
        {
            "organisation_id": frame.organisation_id.to_numpy(),
            "language_id": frame.language_id.to_numpy(),
            "modality": frame.modality.to_numpy(),
            "service": frame.service.to_numpy(),
            "requested_at": requested,
            "scheduled_start": scheduled,
            "duration_min": pd.to_numeric(frame.duration_min, errors="coerce").to_numpy(float),
            "status": status,
            "interpreter_id": np.where(interpreter > 0, interpreter, np.nan),
            "matched_at": matched_at,
            "closed_at": closed_at,
            "validated_at": validated_at,
            "actual_min": actual,
            "evaluation": np.where(evaluation > 0, evaluation, np.nan),
            "updated_at": updated,
        }
    )


def _registration_slips(rng, requested: np.ndarray, scheduled: np.ndarray, past: np.ndarray) -> np.ndarray:
    """The scheduled starts as registered, with seeded slips among past requests: a start left empty, and a
    start typed a day or more before the request was made (data-quality findings of the lead-time page)."""
    scheduled = scheduled.copy()
    draw = rng.random(len(scheduled))
    before = past & (draw < cal.SCHEDULED_BEFORE_REQUESTED_RATE)
    scheduled[before] = requested[before] - rng.integers(24, 24 * 30, before.sum()) * HOUR
    scheduled[past & (draw > 1 - cal.MISSING_SCHEDULED_START_RATE)] = NAT
    return scheduled


def _or(values: np.ndarray, fallback: np.ndarray) -> np.ndarray:
    return np.where(np.isnat(values), fallback, values)


def cut_invitations(invitations: pd.DataFrame, now: np.datetime64) -> pd.DataFrame:
    """Invitations as they stand at `now`: none sent after it, no answers given after it."""
    kept = invitations[invitations.sent_at.to_numpy("datetime64[s]") <= now].copy()
    late = kept.responded_at.to_numpy("datetime64[s]") > now
    kept.loc[late, "responded_at"] = NAT
    kept.loc[late, "response"] = None
    return kept

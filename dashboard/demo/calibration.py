"""Calibration targets and time patterns of the demo data, from ../shared/domain/DOMAIN.md.

Yearly request totals per modality: 2022 exactly as the annual report (DOMAIN §5.1); 2021 as implied by the
growth rates of §5.2, scaled to the reported 55,965; 2020 to the reported 38,621 with the spring lockdown and
video only from December; 2019 from the implied on-site count (≈ 23,500). Later years grow modestly.
"""

from __future__ import annotations

MODALITY_TOTALS = {
    2019: {"onsite": 23500, "phone": 22300, "video": 0, "translation": 700},
    2020: {"onsite": 14600, "phone": 22900, "video": 300, "translation": 821},
    2021: {"onsite": 18138, "phone": 32043, "video": 4897, "translation": 887},
    2022: {"onsite": 22360, "phone": 33692, "video": 8604, "translation": 1562},
}
GROWTH_AFTER_2022 = {"onsite": 1.04, "phone": 1.03, "video": 1.08, "translation": 1.05}

# 2022 outcome rates per modality (DOMAIN §5.1): shares of all requests not available / other reason, and
# not completed as a share of answered requests.
NOT_AVAILABLE_RATE = {"onsite": 7601 / 22360, "phone": 2956 / 33692, "video": 1192 / 8604, "translation": 44 / 1562}
OTHER_REASON_RATE = {"onsite": 639 / 22360, "phone": 577 / 33692, "video": 523 / 8604, "translation": 8 / 1562}
NOT_COMPLETED_RATE = {"onsite": 4844 / 14108, "phone": 3111 / 30159, "video": 2238 / 6888, "translation": 14 / 1492}

# How a not-completed assignment fell through, per modality (plausible shares; the report gives none).
NOT_COMPLETED_SPLIT = {
    "onsite": {
        "cancelled_client_timely": 0.36,
        "cancelled_client_late": 0.14,
        "cancelled_interpreter": 0.10,
        "cancelled_service": 0.06,
        "no_show_client": 0.29,
        "no_show_interpreter": 0.05,
    },
    "phone": {
        "cancelled_client_timely": 0.30,
        "cancelled_client_late": 0.12,
        "cancelled_interpreter": 0.14,
        "cancelled_service": 0.09,
        "no_show_client": 0.30,
        "no_show_interpreter": 0.05,
    },
    "video": {
        "cancelled_client_timely": 0.30,
        "cancelled_client_late": 0.14,
        "cancelled_interpreter": 0.09,
        "cancelled_service": 0.15,
        "no_show_client": 0.27,
        "no_show_interpreter": 0.05,
    },
    "translation": {
        "cancelled_client_timely": 0.80,
        "cancelled_client_late": 0.10,
        "cancelled_interpreter": 0.05,
        "cancelled_service": 0.05,
        "no_show_client": 0.0,
        "no_show_interpreter": 0.0,
    },
}
# Of the "other reason" unanswered requests, the share asking for the wrong kind of service.
WRONG_SERVICE_SHARE = 0.4
# Sectors keep appointments differently (DOMAIN §6.3: health reschedules, free use makes sloppier keeping):
# multipliers of the non-completion rate and of the client no-show share.
SECTOR_NOT_COMPLETED_FACTOR = {
    "health": 1.25,
    "mental_health": 1.2,
    "education": 1.15,
    "asylum_reception": 1.1,
    "welfare": 1.0,
    "public_services": 0.85,
    "integration": 0.8,
    "work": 0.8,
    "housing": 0.9,
    "justice": 0.7,
    "other": 1.0,
    None: 1.0,
}

# Booking lead time (issue 15): the share of a matching bucket's capacity a request can still draw on when it is
# made this short before its start, per modality and lead-time band (codes.LEAD_TIME_BANDS: under 24 h, 24-72 h,
# 3-7 days, a week or more). Interpreters' diaries fill up days ahead, so a short-notice request meets only the
# capacity left over: hardest on site (travel, a half day blocked), eased for phone (the service is built for
# calls without reservation). Capacity is what this scales, so a plentiful language barely notices short notice
# and a scarce one feels it fully. `k` is calibrated with it, so 2022's shortage rates stay the report's.
SHORT_NOTICE_CAPACITY = {
    "onsite": (0.30, 0.60, 0.88, 1.0),
    "video": (0.45, 0.75, 0.95, 1.0),
    "phone": (0.75, 0.90, 1.0, 1.0),
    "translation": (0.40, 0.65, 0.90, 1.0),
}
# How far ahead requests are made (the demo's lead-time distributions). On site: a share booked the same day or
# the next (urgent conversations, more so in asylum reception and welfare), a share 1-3 days ahead, the rest a
# lognormal number of days; parent evenings in education are planned 1-3 weeks ahead. Video likewise, shorter.
ONSITE_URGENT_SHARE = {
    "asylum_reception": 0.16,
    "welfare": 0.11,
    "health": 0.09,
    "mental_health": 0.05,
    "public_services": 0.07,
    "justice": 0.03,
    "education": 0.03,
}
ONSITE_URGENT_DEFAULT = 0.07
ONSITE_SHORT_SHARE = 0.14
VIDEO_URGENT_SHARE, VIDEO_SHORT_SHARE = 0.09, 0.22
PHONE_AD_HOC_SHARE, PHONE_SAME_DAY_SHARE = 0.62, 0.10  # called at once (no reservation); later the same day
TRANSLATION_URGENT_SHARE = 0.05  # due in one or two days

# Requests still in progress long after the fact (data-quality defects), per modality: the annual report's
# 2022 "in behandeling" counts (12 on-site, 1 video, 18 translation) as a share of that year's requests.
STALE_IN_PROGRESS_RATE = {"onsite": 12 / 22360, "phone": 0.0, "video": 1 / 8604, "translation": 18 / 1562}
# Other seeded defects, shares of past requests: an outcome without a closing time; timestamps out of order.
MISSING_CLOSED_AT_RATE = 0.002
OUT_OF_ORDER_RATE = 0.0005
# Registration slips in the scheduled start: left empty; typed before the request was made.
MISSING_SCHEDULED_START_RATE = 0.001
SCHEDULED_BEFORE_REQUESTED_RATE = 0.0004
# Completed requests that are validated, and how long validation takes (days, mean).
VALIDATED_SHARE = 0.93
VALIDATION_DAYS = 4.0

# Monthly seasonality (January..December): summer holidays and late December are quiet.
MONTH_WEIGHTS = (1.02, 1.05, 1.10, 1.00, 1.02, 1.03, 0.80, 0.72, 1.05, 1.10, 1.10, 0.86)
# Education peaks around parent-teacher evenings (late autumn, Christmas, Easter, end of June; a working
# assumption of DOMAIN §8, not from the documents).
EDUCATION_MONTH_FACTORS = (0.9, 0.9, 1.3, 1.2, 0.9, 1.5, 0.2, 0.3, 1.0, 1.0, 1.4, 1.4)
# Day-of-week weights (Monday..Sunday) of requested_at.
WEEKDAY_WEIGHTS = (1.10, 1.08, 1.0, 1.05, 0.92, 0.06, 0.03)
# The spring 2020 lockdown: multipliers of the demand per modality for the months it hit.
LOCKDOWN_2020 = {
    3: {"onsite": 0.55, "phone": 0.95, "translation": 0.8},
    4: {"onsite": 0.25, "phone": 1.10, "translation": 0.7},
    5: {"onsite": 0.40, "phone": 1.05, "translation": 0.8},
    6: {"onsite": 0.75, "phone": 1.0, "translation": 0.9},
    11: {"onsite": 0.8, "phone": 1.05, "translation": 1.0},
}
VIDEO_START = (2020, 12)
# Shape of the Ukraine surge: share of the 2022 surge per month (March..December), then the yearly level
# relative to 2022 (people stayed, demand eased).
UKRAINE_SURGE_MONTHS_2022 = (0.05, 0.11, 0.12, 0.12, 0.10, 0.08, 0.11, 0.11, 0.11, 0.09)
UKRAINE_SURGE_LATER = {2023: 0.8, 2024: 0.6, 2025: 0.5, 2026: 0.45, 2027: 0.45}
UKRAINE_START = (2022, 3)
# From autumn 2022 crisis interpreters work only remotely (DOMAIN §2); the commercial provider comes in then.
CRISIS_REMOTE_ONLY_FROM = (2022, 10)
COMMERCIAL_FROM = (2022, 10)
# Taalhulp requests: from 2021, a share of the on-site and phone requests of organisations in local governments
# that keep a pool; organisations without a cooperation agreement can only use taalhulpen.
TAALHULP_FROM = (2021, 1)
TAALHULP_SHARE_IN_POOL = 0.12
TAALHULP_POOL_SHARE_OF_LGS = 0.35
INVITATION_ACCEPT, INVITATION_REFUSE = 0.55, 0.30  # the rest is left unanswered
MAX_INVITATIONS = 3

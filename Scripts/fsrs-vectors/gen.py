#!/usr/bin/env python3
"""Generate FSRS-6 test vectors from the reference implementation, Python `fsrs` 6.3.2.

Writes Tests/ProctorCoreTests/Fixtures/fsrs-vectors.json: random review histories (random ratings,
review times at the due time, early, late, same day, exactly on 24-hour boundaries, with and without
microseconds), each run through `fsrs.Scheduler` with fuzz off, either with the default learning
steps or with none, and recording the card after every review.

Usage (outside the repository's own environment):
    python3 -m venv /tmp/fsrs-venv && /tmp/fsrs-venv/bin/pip install fsrs==6.3.2
    /tmp/fsrs-venv/bin/python Scripts/fsrs-vectors/gen.py [OUTPUT.json]

The output is deterministic (fixed seed) for a given fsrs version.
"""

import json
import random
import sys
from datetime import datetime, timedelta, timezone
from importlib.metadata import version
from pathlib import Path

from fsrs import Card, Rating, Scheduler

EXPECTED_VERSION = "6.3.2"
SEED = 20251128
HISTORIES_PER_MODE = 300
EPOCH = datetime(1970, 1, 1, tzinfo=timezone.utc)
# Proctor's Timestamp is a Double of seconds: it holds every microsecond exactly up to 2^51 us
# (May 2041), so review times stay before 2040; due times may be later (they are compared as Doubles).
LAST_REVIEW_TIME = datetime(2040, 1, 1, tzinfo=timezone.utc)
STATE_NAMES = {1: "learning", 2: "review", 3: "relearning"}


def micros(moment: datetime) -> int:
    """Microseconds since the Unix epoch, exactly."""
    delta = moment - EPOCH
    return (delta.days * 86400 + delta.seconds) * 1_000_000 + delta.microseconds


def random_rating(rng: random.Random, style: str) -> Rating:
    if style == "uniform":
        return Rating(rng.randint(1, 4))
    if style == "struggling":
        return Rating(rng.choices([1, 2, 3, 4], weights=[40, 25, 30, 5])[0])
    if style == "easy":
        return Rating(rng.choices([1, 2, 3, 4], weights=[5, 10, 40, 45])[0])
    return Rating(rng.choices([1, 2, 3, 4], weights=[18, 14, 55, 13])[0])


def next_review_time(rng: random.Random, card: Card, last: datetime) -> datetime:
    """The time of the next review, chosen relative to the card's schedule."""
    interval = card.due - last
    kind = rng.choices(
        ["due", "jitter", "early", "late", "same-day", "same-instant", "boundary", "far"],
        weights=[30, 15, 12, 15, 14, 2, 8, 4],
    )[0]
    if kind == "due":
        moment = card.due
    elif kind == "jitter":
        moment = card.due + timedelta(seconds=rng.uniform(-3 * 3600, 3 * 3600))
    elif kind == "early":
        moment = last + interval * rng.uniform(0.05, 0.95)
    elif kind == "late":
        moment = last + interval * rng.uniform(1.05, 6.0)
    elif kind == "same-day":
        moment = last + timedelta(seconds=rng.randint(1, 86399))
    elif kind == "same-instant":
        moment = last
    elif kind == "boundary":
        days = rng.randint(1, 40)
        moment = last + timedelta(days=days, microseconds=rng.choice([-1, 0, 0, 1]))
    else:
        moment = last + timedelta(days=rng.uniform(60, 3 * 365))
    if rng.random() < 0.3:
        moment += timedelta(microseconds=rng.randint(0, 999_999))
    return max(moment, last)


def make_case(rng: random.Random, index: int, steps: str) -> dict:
    retention = rng.choices([0.9, 0.8, 0.95, 0.7], weights=[80, 8, 8, 4])[0]
    if steps == "default":
        scheduler = Scheduler(desired_retention=retention, enable_fuzzing=False)
    else:
        scheduler = Scheduler(
            desired_retention=retention,
            learning_steps=(),
            relearning_steps=(),
            enable_fuzzing=False,
        )
    style = rng.choices(["mixed", "uniform", "struggling", "easy"], weights=[50, 20, 15, 15])[0]
    length = rng.choice([1, 2, 3, 4, 5, 6, 8, 10, 12, 15, 18, 22, 26, 30])
    start = datetime(2019, 1, 1, tzinfo=timezone.utc) + timedelta(
        seconds=rng.randint(0, 6 * 365 * 86400)
    )
    if rng.random() < 0.3:
        start += timedelta(microseconds=rng.randint(0, 999_999))

    card = Card(card_id=index + 1, due=start)
    moment = start
    reviews = []
    for number in range(length):
        if number > 0:
            moment = next_review_time(rng, card, card.last_review)
            if moment >= LAST_REVIEW_TIME:
                break
        rating = random_rating(rng, style)
        before = (
            scheduler.get_card_retrievability(card, current_datetime=moment)
            if card.last_review is not None
            else None
        )
        card, _ = scheduler.review_card(card, rating, moment)
        reviews.append(
            {
                "t": micros(moment),
                "g": int(rating),
                "state": STATE_NAMES[int(card.state)],
                "step": card.step,
                "s": card.stability,
                "d": card.difficulty,
                "due": micros(card.due),
                "r": before,
            }
        )
    return {
        "id": f"{steps}-{index:03d}",
        "steps": steps,
        "retention": retention,
        "reviews": reviews,
    }


def main() -> None:
    found = version("fsrs")
    if found != EXPECTED_VERSION:
        sys.exit(f"fsrs {EXPECTED_VERSION} is required, found {found}")
    default_output = (
        Path(__file__).resolve().parents[2]
        / "Tests/ProctorCoreTests/Fixtures/fsrs-vectors.json"
    )
    output = Path(sys.argv[1]) if len(sys.argv) > 1 else default_output
    rng = random.Random(SEED)
    cases = []
    for steps in ("default", "none"):
        for index in range(HISTORIES_PER_MODE):
            cases.append(make_case(rng, index, steps))
    document = {
        "reference": f"fsrs {found} (Python), enable_fuzzing=False",
        "generator": "Scripts/fsrs-vectors/gen.py",
        "seed": SEED,
        "fields": {
            "t": "review time, microseconds since 1970-01-01T00:00:00Z",
            "g": "rating 1 Again, 2 Hard, 3 Good, 4 Easy",
            "state": "state after the review",
            "step": "learning or relearning step after the review (null in review)",
            "s": "stability after the review, days",
            "d": "difficulty after the review",
            "due": "due time after the review, microseconds since the epoch",
            "r": "retrievability at the review time before the review (null for a new card)",
        },
        "cases": cases,
    }
    with open(output, "w") as handle:
        json.dump(document, handle, separators=(",", ":"))
        handle.write("\n")
    total = sum(len(case["reviews"]) for case in cases)
    print(f"wrote {len(cases)} histories, {total} reviews to {output}")


if __name__ == "__main__":
    main()

"""The shipped reference data: complete, in both languages, and consistent with the code."""

import datetime as dt

from appealdesk.domain import checklists
from appealdesk.domain.enums import (
    CaseStatus,
    Channel,
    Checklist,
    ChecklistState,
    EventKind,
    Platform,
    StatementCategory,
)
from appealdesk.domain.labels import has_label
from appealdesk.domain.reference import (
    block_signs,
    id_checklist,
    platform_profile,
    steps_for_status,
    unblock_steps,
)
from appealdesk.domain.taxonomy import Taxonomy, taxonomy_for

DECEMBER_2020 = dt.date(2021, 6, 1)  # a day the 2020 edition was in force


def taxonomy() -> Taxonomy:
    return taxonomy_for(DECEMBER_2020)


def test_the_2020_edition_has_the_ten_policy_areas_with_sub_policies() -> None:
    areas = taxonomy().areas
    assert len(areas) == 10
    assert areas[0].name.nl == "Gewelddadig extremisme"
    assert all(area.policies for area in areas)
    keys = [a.key for a in areas] + [p.key for a in areas for p in a.policies]
    assert len(keys) == len(set(keys))


def test_every_area_and_policy_is_described_in_dutch_and_english() -> None:
    for area in taxonomy().areas:
        texts = [area.name, area.description]
        texts += [t for p in area.policies for t in (p.name, p.description)]
        for text in texts:
            assert text.nl.strip() and text.en.strip()
            assert text.nl != text.en or len(text.nl) < 12  # e.g. a shared loanword


def test_every_area_maps_onto_dsa_statement_categories() -> None:
    for area in taxonomy().areas:
        assert area.dsa_categories
        for policy in area.policies:
            assert set(taxonomy().dsa_categories(area.key, policy.key)) <= set(StatementCategory)
    assert taxonomy().dsa_categories("minor_safety") == (StatementCategory.PROTECTION_OF_MINORS,)


def test_the_eight_exception_grounds_of_the_2020_guidelines() -> None:
    keys = [e.key for e in taxonomy().exceptions]
    assert keys == [
        "educational",
        "documentary",
        "scientific",
        "artistic",
        "satirical",
        "fictional",
        "counter_speech",
        "newsworthy",
    ]


def test_reason_labels_join_area_and_policy_in_the_language_asked() -> None:
    label = taxonomy().reason_label("integrity_authenticity", "spam_fake_engagement", "nl")
    assert label.startswith("Integriteit en authenticiteit › ")
    assert taxonomy().reason_label(None, None) == ""


def test_the_five_signs_of_a_block() -> None:
    assert [s.key for s in block_signs()] == [
        "cannot_log_in",
        "profile_hidden",
        "cannot_post_or_live",
        "no_interactions",
        "no_notifications",
    ]


def test_the_step_guide_covers_every_open_status() -> None:
    assert len(unblock_steps()) >= 10
    for status in CaseStatus:
        if status is not CaseStatus.CLOSED:
            assert steps_for_status(status), status
    escalation = {s.key for s in unblock_steps() if s.phase == "escalate"}
    assert {"internal_complaint", "out_of_court_body", "data_access_request"} <= escalation


def test_the_tiktok_profile_lists_the_channels_of_the_guide_with_their_sources() -> None:
    profile = platform_profile(Platform.TIKTOK)
    assert profile is not None and profile.typical_answer_days == 14
    channels = {c.channel: c for c in profile.channels}
    assert set(channels) == {
        Channel.IN_APP_APPEAL,
        Channel.SUPPORT_FORM,
        Channel.EMAIL,
        Channel.PHONE,
    }
    assert channels[Channel.PHONE].address == "+31 800 022 9286"
    assert channels[Channel.SUPPORT_FORM].address.startswith("https://www.tiktok.com/")
    assert all(c.source for c in profile.channels)
    assert platform_profile(Platform.TWITCH) is None


def test_the_id_checklist_asks_proof_of_age_for_minimum_age_blocks() -> None:
    assert [i.key for i in id_checklist()] == [
        "id_front",
        "id_back",
        "selfie_with_id",
        "proof_of_ownership",
        "proof_of_age",
    ]
    assert (
        checklists.initial_state(Checklist.ID_DOCUMENTS, "proof_of_age", "minimum_age")
        is ChecklistState.NEEDED
    )
    assert (
        checklists.initial_state(Checklist.ID_DOCUMENTS, "proof_of_age", "spam_fake_engagement")
        is ChecklistState.NOT_NEEDED
    )


def test_block_verdict_follows_the_guide() -> None:
    seen = {"cannot_log_in": ChecklistState.OBSERVED}
    assert checklists.block_verdict(seen).verdict is checklists.BlockVerdict.LIKELY_BLOCKED
    none_seen = {s.key: ChecklistState.NOT_OBSERVED for s in block_signs()}
    assert (
        checklists.block_verdict(none_seen).verdict is checklists.BlockVerdict.PROBABLY_NOT_BLOCKED
    )
    assert checklists.block_verdict({}).verdict is checklists.BlockVerdict.NOT_CHECKED


def test_every_enum_value_has_a_label() -> None:
    from appealdesk.domain import enums

    for name in dir(enums):
        enum_cls = getattr(enums, name)
        if (
            isinstance(enum_cls, type)
            and issubclass(enum_cls, enums.StrEnum)
            and enum_cls is not enums.StrEnum
        ):
            if enum_cls in (enums.Checklist,):
                continue
            for member in enum_cls:
                assert has_label(member), member
    assert EventKind.NOTE.value == "note"


def test_the_guidelines_know_their_edition_and_the_one_in_force() -> None:
    guidelines = taxonomy()
    assert guidelines.edition_month == dt.date(2020, 12, 1)
    assert taxonomy_for(dt.date(2025, 9, 12)) == guidelines
    current = taxonomy_for(dt.date(2026, 11, 10))
    assert (current.released, current.in_force) == (dt.date(2025, 8, 14), dt.date(2025, 9, 13))

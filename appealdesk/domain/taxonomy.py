"""The community-guideline categories a block reason is mapped onto (area → sub-policy)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cache

from appealdesk.domain.enums import Platform, StatementCategory
from appealdesk.domain.errors import ValidationError
from appealdesk.domain.labels import label
from appealdesk.domain.texts import LocalText, load_resource
from appealdesk.i18n import _, format_date, translator
from appealdesk.paths import resources_dir

GUIDELINES_PLATFORM = Platform.TIKTOK
"""Whose community guidelines the editions summarise: a reason is mapped onto them only for
an account on this platform. Another platform's letter or dossier never cites them."""


def has_guidelines(platform: Platform) -> bool:
    return platform is GUIDELINES_PLATFORM


def not_carried(platform: Platform) -> str:
    """Why no guideline can be chosen for an account on ``platform``."""
    return _(
        "AppealDesk knows the community guidelines of {known} only, so no guideline can be "
        "chosen for an account on {platform}. Keep the platform's own words in the notice text."
    ).format(known=label(GUIDELINES_PLATFORM), platform=label(platform))


def check_reason_platform(platform: Platform, area_key: str | None) -> None:
    """Refuses a guideline reason for an account whose platform's guidelines are not here."""
    if area_key is not None and not has_guidelines(platform):
        raise ValidationError(not_carried(platform))


@dataclass(frozen=True)
class GuidelinePolicy:
    key: str
    name: LocalText
    description: LocalText
    dsa_categories: tuple[StatementCategory, ...]


@dataclass(frozen=True)
class GuidelineArea:
    key: str
    name: LocalText
    description: LocalText
    dsa_categories: tuple[StatementCategory, ...]
    policies: tuple[GuidelinePolicy, ...]

    def policy(self, key: str) -> GuidelinePolicy | None:
        return next((p for p in self.policies if p.key == key), None)


@dataclass(frozen=True)
class GuidelineException:
    """Grounds on which content that would normally be removed may stay up."""

    key: str
    name: LocalText
    description: LocalText


@dataclass(frozen=True)
class Taxonomy:
    """One edition of the guidelines, summarised in our own words."""

    title: LocalText
    edition: str  # year and month of the edition, "2025-09"
    released: dt.date
    in_force: dt.date
    exact_day: bool  # False when only the month of the edition is known
    areas: tuple[GuidelineArea, ...]
    exceptions: tuple[GuidelineException, ...]

    @property
    def edition_month(self) -> dt.date:
        year, month = self.edition.split("-")
        return dt.date(int(year), int(month), 1)

    def exception(self, key: str | None) -> GuidelineException | None:
        return next((e for e in self.exceptions if e.key == key), None)

    def area(self, key: str | None) -> GuidelineArea | None:
        return next((a for a in self.areas if a.key == key), None)

    def policy(self, area_key: str | None, policy_key: str | None) -> GuidelinePolicy | None:
        area = self.area(area_key)
        return area.policy(policy_key) if area and policy_key else None

    def check(self, area_key: str | None, policy_key: str | None) -> None:
        """Refuses a reason that is not in the taxonomy (a policy needs its area)."""
        if area_key is None:
            if policy_key is not None:
                raise ValidationError(_("Choose the guideline area before the sub-policy."))
            return
        area = self.area(area_key)
        if area is None:
            raise ValidationError(_("Unknown guideline area: {key}").format(key=area_key))
        if policy_key is not None and area.policy(policy_key) is None:
            raise ValidationError(
                _("Unknown sub-policy “{policy}” in “{area}”.").format(
                    policy=policy_key, area=area.name
                )
            )

    def dsa_categories(
        self, area_key: str | None, policy_key: str | None = None
    ) -> tuple[StatementCategory, ...]:
        policy = self.policy(area_key, policy_key)
        if policy and policy.dsa_categories:
            return policy.dsa_categories
        area = self.area(area_key)
        return area.dsa_categories if area else ()

    def reason_label(
        self, area_key: str | None, policy_key: str | None, language: str | None = None
    ) -> str:
        """``Integrity and authenticity › Spam and fake engagement``, or what is known of it."""
        area = self.area(area_key)
        if area is None:
            return ""
        policy = area.policy(policy_key) if policy_key else None
        if policy is None:
            return area.name.text(language)
        return f"{area.name.text(language)} › {policy.name.text(language)}"


def _categories(values: list[str] | None, where: str) -> tuple[StatementCategory, ...]:
    try:
        return tuple(StatementCategory(v) for v in values or ())
    except ValueError as exc:
        raise ValueError(f"{where}: {exc}") from exc


def _edition(name: str) -> Taxonomy:
    data = load_resource(f"guidelines/{name}")
    areas = []
    for raw_area in data["area"]:
        where = f"{name} area {raw_area['key']}"
        policies = tuple(
            GuidelinePolicy(
                key=p["key"],
                name=LocalText.parse(p["name"], f"{where} {p['key']}"),
                description=LocalText.parse(p["description"], f"{where} {p['key']}"),
                dsa_categories=_categories(p.get("dsa_categories"), where),
            )
            for p in raw_area["policy"]
        )
        areas.append(
            GuidelineArea(
                key=raw_area["key"],
                name=LocalText.parse(raw_area["name"], where),
                description=LocalText.parse(raw_area["description"], where),
                dsa_categories=_categories(raw_area["dsa_categories"], where),
                policies=policies,
            )
        )
    exceptions = tuple(
        GuidelineException(
            key=e["key"],
            name=LocalText.parse(e["name"], f"{name} exception {e['key']}"),
            description=LocalText.parse(e["description"], f"{name} exception {e['key']}"),
        )
        for e in data["exception"]
    )
    return Taxonomy(
        title=LocalText.parse(data["title"], f"{name} title"),
        edition=str(data["edition"]),
        released=data["released"],
        in_force=data["in_force"],
        exact_day=bool(data["exact_day"]),
        areas=tuple(areas),
        exceptions=exceptions,
    )


@cache
def editions() -> tuple[Taxonomy, ...]:
    """Every edition shipped in ``resources/guidelines/``, oldest first."""
    names = sorted(p.name for p in (resources_dir() / "guidelines").glob("*.toml"))
    return tuple(sorted((_edition(n) for n in names), key=lambda t: t.in_force))


def taxonomy_for(day: dt.date | None) -> Taxonomy:
    """The edition in force on ``day`` (today when unknown; the oldest before any)."""
    day = day or dt.date.today()
    in_force = [t for t in editions() if t.in_force <= day]
    return in_force[-1] if in_force else editions()[0]


edition_in_force = taxonomy_for


def taxonomy() -> Taxonomy:
    """The edition in force today."""
    return taxonomy_for(dt.date.today())


@dataclass(frozen=True)
class Reason:
    """A stored reason looked up: in the edition in force on the day, or else in the edition
    the keys come from (keys chosen earlier stay readable)."""

    edition: Taxonomy
    area: GuidelineArea | None
    policy: GuidelinePolicy | None
    in_force: Taxonomy  # the edition in force on the day

    def label(self, language: str | None = None) -> str:
        return self.edition.reason_label(
            self.area.key if self.area else None, self.policy.key if self.policy else None, language
        )

    @property
    def dsa_categories(self) -> tuple[StatementCategory, ...]:
        if self.policy and self.policy.dsa_categories:
            return self.policy.dsa_categories
        return self.area.dsa_categories if self.area else ()


def find_reason(day: dt.date | None, area_key: str | None, policy_key: str | None) -> Reason:
    current = taxonomy_for(day)
    others = sorted(editions(), key=lambda t: abs((t.in_force - current.in_force).days))
    for edition in (current, *others):
        area = edition.area(area_key)
        policy = area.policy(policy_key) if area and policy_key else None
        if area is not None and (policy_key is None or policy is not None):
            return Reason(edition, area, policy, current)
    for edition in (current, *others):  # the area alone, for a policy no edition has
        area = edition.area(area_key)
        if area is not None:
            return Reason(edition, area, None, current)
    return Reason(current, None, None, current)


def reason_label_on(
    day: dt.date | None, area_key: str | None, policy_key: str | None, language: str | None = None
) -> str:
    """The label of a stored reason; keys no edition knows are shown as they are."""
    reason = find_reason(day, area_key, policy_key)
    if reason.area is None:
        return " › ".join(k for k in (area_key, policy_key) if k)
    label = reason.label(language)
    if policy_key and reason.policy is None:
        label += f" › {policy_key}"
    return label


def find_exception(day: dt.date | None, key: str | None) -> GuidelineException | None:
    """An exception by key, from the edition in force on ``day`` or else any edition."""
    current = taxonomy_for(day)
    for edition in (current, *reversed(editions())):
        found = edition.exception(key)
        if found is not None:
            return found
    return None


def exception_keys() -> tuple[str, ...]:
    """The exception keys of every edition, newest edition first."""
    keys: dict[str, None] = {}
    for edition in reversed(editions()):
        keys.update(dict.fromkeys(e.key for e in edition.exceptions))
    return tuple(keys)


def edition_citation(edition: Taxonomy, language: str) -> str:
    """``TikTok Community Guidelines, edition in force from 13 September 2025``."""
    _ = translator(language).gettext
    title = edition.title.text(language)
    if edition.exact_day:
        return _("{title}, edition in force from {day}").format(
            title=title, day=format_date(edition.in_force, "long", language)
        )
    return _("{title}, edition of {month}").format(
        title=title, month=format_date(edition.edition_month, "MMMM y", language)
    )

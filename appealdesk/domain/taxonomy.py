"""The community-guideline categories a block reason is mapped onto (area → sub-policy)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cache

from appealdesk.domain.enums import StatementCategory
from appealdesk.domain.errors import ValidationError
from appealdesk.domain.texts import LocalText, load_resource
from appealdesk.i18n import _


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
class Edition:
    """An edition of the guidelines published after the one summarised here."""

    released: dt.date
    in_force: dt.date


@dataclass(frozen=True)
class Taxonomy:
    title: LocalText
    edition: str  # year and month of the edition summarised here, "2020-12"
    areas: tuple[GuidelineArea, ...]
    exceptions: tuple[GuidelineException, ...]
    later_editions: tuple[Edition, ...] = ()

    @property
    def edition_month(self) -> dt.date:
        year, month = self.edition.split("-")
        return dt.date(int(year), int(month), 1)

    def edition_in_force(self, day: dt.date) -> Edition | None:
        """The later edition in force on ``day``, or None when the summarised one was."""
        in_force = [e for e in self.later_editions if e.in_force <= day]
        return max(in_force, key=lambda e: e.in_force, default=None)

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


@cache
def taxonomy() -> Taxonomy:
    data = load_resource("guidelines.toml")
    areas = []
    for raw_area in data["area"]:
        where = f"guidelines.toml area {raw_area['key']}"
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
            name=LocalText.parse(e["name"], f"exception {e['key']}"),
            description=LocalText.parse(e["description"], f"exception {e['key']}"),
        )
        for e in data["exception"]
    )
    return Taxonomy(
        title=LocalText.parse(data["title"], "guidelines.toml title"),
        edition=str(data["edition"]),
        areas=tuple(areas),
        exceptions=exceptions,
        later_editions=tuple(
            Edition(released=e["released"], in_force=e["in_force"])
            for e in data.get("later_editions", ())
        ),
    )

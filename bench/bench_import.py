"""Benchmark 1: import 100,000 members from .xlsx, validated.

member_import (the project's own import: every row checked, then written in one transaction) is timed against
  (a) the floor: python_calamine reading the same file plus one executemany, in one transaction, of the same
      people_person rows (the column values member_import writes, computed beforehand) — goal ≤ 2.5×;
  (b) django-import-export importing the same file into the same model (Person) — goal ≥ 20× faster.
"""

from __future__ import annotations

import datetime
import io
import random
from dataclasses import dataclass

from .common import Report, fmt_seconds, median, say, table, timed

ROWS = {False: 100_000, True: 10_000}
# django-import-export is timed on this many rows and extrapolated, unless (not with --quick) its estimate
# for the full file stays under --ie-full-limit seconds.
IE_SAMPLE_ROWS = {False: 10_000, True: 1_000}
FLOOR_REPEAT = 3
FILE_SEED = 7
# Birthplaces outside the demo county's own codes, so no generated ID can clash with a demo person's.
AREAS = ("340102", "340103", "340104", "340111", "340121", "320102", "110101")
EDUCATIONS = ("senior_high", "secondary_vocational", "junior_college", "bachelor", "in_senior_high")
OCCUPATIONS = ("student", "private_enterprise_staff", "farmer", "freelancer")
PERSON_COLUMNS = (
    "created_at",
    "updated_at",
    "version",
    "organization_id",
    "name",
    "name_pinyin",
    "name_initials",
    "id_type",
    "id_number",
    "gender",
    "birth_date",
    "ethnicity",
    "political_status",
    "education",
    "occupation",
    "unit",
    "phone",
    "email",
)
MEMBERSHIP_COLUMNS = (
    "created_at",
    "updated_at",
    "version",
    "person_id",
    "organization_id",
    "join_date",
    "development_number",
    "status",
)


@dataclass
class MemberFile:
    data: bytes
    rows: int
    # What member_import will write, with the organization as its code (the pk differs per database):
    # people_person values from "organization_id" on (PERSON_COLUMNS[3:]), and per row (join, dev number, status).
    people: list[tuple]
    memberships: list[tuple]


def zh_labels(choices) -> dict[str, str]:
    """value -> Chinese label of a model choices list."""
    from django.utils import translation

    with translation.override("zh-hans"):
        return {value: str(label) for value, label in choices}


def make_member_file(rows: int, seed: int, branches: list[tuple[str, str, str]]) -> MemberFile:
    """A member workbook in the import's own layout: valid fictional people spread over the given branches.

    branches: (code, full name, unit name) of existing branches.
    """
    from django.utils import timezone

    from tuanwu.core.idcard import make_id_number
    from tuanwu.demo.data.people import FEMALE_GIVEN, MALE_GIVEN, SURNAMES
    from tuanwu.people.choices import Education, Ethnicity, Gender, Occupation, PoliticalStatus
    from tuanwu.people.services import name_keys
    from tuanwu.people.sheets import member_spec
    from tuanwu.people.workflow import MembershipStatus
    from tuanwu.sheets.writer import Writer

    rng = random.Random(seed)
    today = timezone.localdate()
    gender_zh, ethnicity_zh = zh_labels(Gender.choices), zh_labels(Ethnicity.choices)
    political_zh, education_zh = zh_labels(PoliticalStatus.choices), zh_labels(Education.choices)
    occupation_zh, status_zh = zh_labels(Occupation.choices), zh_labels(MembershipStatus.choices)
    surnames = [s for s, _w in SURNAMES]
    surname_weights = [w for _s, w in SURNAMES]
    keys_cache: dict[str, tuple[str, str]] = {}
    used_ids: set[str] = set()
    dev_counter: dict[int, int] = {}
    people: list[tuple] = []
    memberships: list[tuple] = []
    lines: list[list] = []
    for i in range(rows):
        male = rng.random() < 0.5
        first, second = MALE_GIVEN if male else FEMALE_GIVEN
        name = rng.choices(surnames, surname_weights)[0] + rng.choice(first) + rng.choice(second)
        while True:
            birth = today - datetime.timedelta(days=rng.randint(int(14.2 * 365.25), int(27.5 * 365.25)))
            if (birth.month, birth.day) == (2, 29):
                birth -= datetime.timedelta(days=1)
            number = make_id_number(rng.choice(AREAS), birth, rng.randrange(500) * 2 + (1 if male else 0))
            if number not in used_ids:
                used_ids.add(number)
                break
        # Joined between the 14th birthday and the 18th (or today).
        fourteen = birth.replace(year=birth.year + 14)
        latest = min(today, birth.replace(year=birth.year + 18))
        join = fourteen + datetime.timedelta(days=rng.randint(0, max(0, (latest - fourteen).days)))
        dev_counter[join.year] = dev_counter.get(join.year, 0) + 1
        dev = f"{join.year:04d}{50_000_000 + dev_counter[join.year]:08d}"
        code, full_name, unit = branches[i % len(branches)]
        gender = "male" if male else "female"
        ethnicity = Ethnicity.HAN.value if rng.random() < 0.95 else rng.choice(list(ethnicity_zh))
        education = rng.choice(EDUCATIONS)
        occupation = rng.choice(OCCUPATIONS)
        phone = f"199{i:08d}"
        email = f"m{i}@example.com" if i % 10 == 0 else ""
        if name not in keys_cache:
            keys_cache[name] = name_keys(name)
        pinyin, initials = keys_cache[name]
        lines.append(
            [
                name,
                number,
                gender_zh[gender],
                birth,
                ethnicity_zh[ethnicity],
                political_zh["league_member"],
                education_zh[education],
                occupation_zh[occupation],
                unit,
                phone,
                email,
                full_name,
                code,
                join,
                dev,
                status_zh["normal"],
            ]
        )
        people.append(
            (
                code,
                name,
                pinyin,
                initials,
                "resident",
                number,
                gender,
                birth,
                ethnicity,
                "league_member",
                education,
                occupation,
                unit,
                phone,
                email,
            )
        )
        memberships.append((code, join, dev, "normal"))
    writer = Writer()
    writer.sheet("团员", [c.header for c in member_spec().columns], lines)
    return MemberFile(writer.close(), rows, people, memberships)


def head_of(member_file: MemberFile, rows: int) -> MemberFile:
    """The first `rows` rows of a member file, as a workbook of its own."""
    from python_calamine import CalamineWorkbook

    from tuanwu.sheets.writer import Writer

    raw = CalamineWorkbook.from_filelike(io.BytesIO(member_file.data)).get_sheet_by_index(0).to_python()
    writer = Writer()
    writer.sheet("团员", [str(h) for h in raw[0]], [list(r) for r in raw[1 : rows + 1]])
    return MemberFile(writer.close(), rows, member_file.people[:rows], member_file.memberships[:rows])


def branch_list() -> list[tuple[str, str, str]]:
    """(code, full name, unit name) of the active branches, in tree order."""
    from tuanwu.organizations.models import BRANCH_KINDS, Organization

    return list(
        Organization.objects.filter(kind__in=BRANCH_KINDS, status=Organization.Status.ACTIVE)
        .order_by("path")
        .values_list("code", "full_name", "unit_name")
    )


# --- the floor ----------------------------------------------------------------------------------------


def _max_person_id() -> int:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT COALESCE(MAX(id), 0) FROM people_person")
        return cursor.fetchone()[0]


def remove_people_after(person_id: int) -> None:
    """Delete the people (and their memberships) a measurement added, so the next one starts from the same state."""
    from django.db import connection, transaction

    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM people_membership WHERE person_id > %s", [person_id])
        cursor.execute("DELETE FROM people_person WHERE id > %s", [person_id])
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE people_person, people_membership")


def floor_once(
    member_file: MemberFile, org_ids: dict[str, int], *, with_memberships: bool = False, copy: bool = False
) -> float:
    """Seconds for: calamine read of the file + one transaction of executemany INSERTs of the same values.

    copy=True (PostgreSQL only): COPY ... FROM STDIN instead of executemany, for people only.
    """
    from django.db import connection, transaction
    from django.utils import timezone
    from python_calamine import CalamineWorkbook

    now = connection.ops.adapt_datetimefield_value(timezone.now())
    values = [(now, now, 1, org_ids[p[0]], *p[1:]) for p in member_file.people]
    person_sql = (
        f"INSERT INTO people_person ({', '.join(PERSON_COLUMNS)}) VALUES ({', '.join(['%s'] * len(PERSON_COLUMNS))})"
    )
    membership_sql = (
        f"INSERT INTO people_membership ({', '.join(MEMBERSHIP_COLUMNS)}) "
        f"VALUES ({', '.join(['%s'] * len(MEMBERSHIP_COLUMNS))})"
    )
    before = _max_person_id()

    def run():
        sheet = CalamineWorkbook.from_filelike(io.BytesIO(member_file.data)).get_sheet_by_index(0)
        cells = sheet.to_python(skip_empty_area=False)
        assert len(cells) == member_file.rows + 1
        with transaction.atomic(), connection.cursor() as cursor:
            if copy:
                with cursor.cursor.copy(f"COPY people_person ({', '.join(PERSON_COLUMNS)}) FROM STDIN") as stream:
                    for row in values:
                        stream.write_row(row)
            else:
                cursor.executemany(person_sql, values)
            if with_memberships:
                cursor.execute("SELECT id_number, id FROM people_person WHERE id > %s", [before])
                ids = dict(cursor.fetchall())
                cursor.executemany(
                    membership_sql,
                    [
                        (now, now, 1, ids[p[5]], org_ids[m[0]], m[1], m[2], m[3])
                        for p, m in zip(member_file.people, member_file.memberships, strict=True)
                    ],
                )

    seconds, _ = timed(run)
    remove_people_after(before)
    return seconds


# --- django-import-export -----------------------------------------------------------------------------


def person_resource_class():
    """A ModelResource for Person with the member file's columns mapped (built after django.setup())."""
    from import_export import fields, resources, widgets

    from tuanwu.organizations.models import Organization
    from tuanwu.people.choices import Education, Ethnicity, Gender, Occupation, PoliticalStatus
    from tuanwu.people.models import Person
    from tuanwu.people.services import name_keys

    class LabelWidget(widgets.CharWidget):
        """A Chinese choice label (男, 汉族, 共青团员…) to the stored value."""

        def __init__(self, choices):
            super().__init__()
            self.lookup = {label: value for value, label in zh_labels(choices).items()}

        def clean(self, value, row=None, **kwargs):
            text = super().clean(value, row, **kwargs)
            return self.lookup.get(text, text)

    def text(attribute, header):
        return fields.Field(attribute=attribute, column_name=header, widget=widgets.CharWidget())

    class PersonResource(resources.ModelResource):
        name = text("name", "姓名")
        id_number = text("id_number", "身份证号码")
        gender = fields.Field(attribute="gender", column_name="性别", widget=LabelWidget(Gender.choices))
        birth_date = fields.Field(attribute="birth_date", column_name="出生日期", widget=widgets.DateWidget())
        ethnicity = fields.Field(attribute="ethnicity", column_name="民族", widget=LabelWidget(Ethnicity.choices))
        political_status = fields.Field(
            attribute="political_status", column_name="政治面貌", widget=LabelWidget(PoliticalStatus.choices)
        )
        education = fields.Field(attribute="education", column_name="全日制学历", widget=LabelWidget(Education.choices))
        occupation = fields.Field(attribute="occupation", column_name="职业", widget=LabelWidget(Occupation.choices))
        unit = text("unit", "学习工作单位")
        phone = text("phone", "手机号码")
        email = text("email", "电子邮箱")
        organization = fields.Field(
            attribute="organization", column_name="团组织编码", widget=widgets.ForeignKeyWidget(Organization, "code")
        )

        class Meta:
            model = Person
            fields = (
                "name",
                "id_number",
                "gender",
                "birth_date",
                "ethnicity",
                "political_status",
                "education",
                "occupation",
                "unit",
                "phone",
                "email",
                "organization",
            )
            import_id_fields = ("id_number",)  # update by ID number, as member_import does
            clean_model_instances = True  # validated: full_clean() on every row

        def before_save_instance(self, instance, row, **kwargs):
            # member_import derives the search keys too.
            instance.name_pinyin, instance.name_initials = name_keys(instance.name)

    return PersonResource


def import_export_once(member_file: MemberFile) -> tuple[float, dict]:
    """Seconds for django-import-export to read the file (tablib/openpyxl) and import it, committed."""
    from import_export.formats.base_formats import XLSX

    resource = person_resource_class()()
    before = _max_person_id()

    def run():
        dataset = XLSX().create_dataset(member_file.data)
        return resource.import_data(dataset, dry_run=False, use_transactions=True, raise_errors=False)

    seconds, result = timed(run)
    totals = dict(result.totals)
    errors = len(result.row_errors()) + len(result.base_errors) + len(result.invalid_rows)
    remove_people_after(before)
    return seconds, {"new": totals.get("new", 0), "errors": errors}


# --- the benchmark ------------------------------------------------------------------------------------


def cached_member_file(rows: int, branches: list[tuple[str, str, str]], cache_dir: str | None) -> MemberFile:
    """make_member_file, kept in cache_dir (shared by the database variants of one run) when given."""
    import hashlib
    import pickle
    from pathlib import Path

    from django.utils import timezone

    key = hashlib.sha256(repr((rows, FILE_SEED, str(timezone.localdate()), branches)).encode()).hexdigest()[:16]
    path = Path(cache_dir) / f"members-{rows}-{key}.pickle" if cache_dir else None
    if path is not None and path.exists():
        member_file = pickle.loads(path.read_bytes())
        say(f"  member workbook: {rows:,} rows, {len(member_file.data) / 1e6:.1f} MB, from this run's cache")
        return member_file
    seconds, member_file = timed(lambda: make_member_file(rows, FILE_SEED, branches))
    say(
        f"  member workbook: {rows:,} rows over {len(branches)} branches, "
        f"{len(member_file.data) / 1e6:.1f} MB, written in {fmt_seconds(seconds)}"
    )
    if path is not None:
        path.write_bytes(pickle.dumps(member_file, protocol=pickle.HIGHEST_PROTOCOL))
    return member_file


def run(report: Report, *, quick: bool, ie_full_limit: float, cache_dir: str | None = None) -> None:
    """Run benchmark 1 on a database holding a small demo county; leaves the imported members in place."""
    from django.contrib.auth import get_user_model
    from django.db import connection

    from tuanwu.organizations.models import Organization
    from tuanwu.people.imports import member_import

    rows = ROWS[quick]
    branches = branch_list()
    org_ids = dict(Organization.objects.values_list("code", "pk"))
    member_file = cached_member_file(rows, branches, cache_dir)
    admin = get_user_model().objects.get(username="county_admin")

    # (a) the floor, people only (as the goal defines it), and with the memberships too (for information).
    floors = [floor_once(member_file, org_ids) for _ in range(FLOOR_REPEAT)]
    floors_m = [floor_once(member_file, org_ids, with_memberships=True) for _ in range(FLOOR_REPEAT)]
    say(f"  floor, people only: {', '.join(fmt_seconds(s) for s in floors)}")
    say(f"  floor, people + memberships: {', '.join(fmt_seconds(s) for s in floors_m)}")
    floors_copy = []
    if connection.vendor == "postgresql":  # executemany is not PostgreSQL's fastest path: COPY, for information
        floors_copy = [floor_once(member_file, org_ids, copy=True) for _ in range(FLOOR_REPEAT)]
        say(f"  floor, people only, COPY instead of executemany: {', '.join(fmt_seconds(s) for s in floors_copy)}")

    # (b) django-import-export: a sample first; the whole file only if that is estimated to take a short while.
    sample_rows = min(IE_SAMPLE_ROWS[quick], rows)
    sample = head_of(member_file, sample_rows)
    ie_sample_seconds, ie_sample = import_export_once(sample)
    estimate = ie_sample_seconds * rows / sample_rows
    say(
        f"  django-import-export, {sample_rows:,} rows: {fmt_seconds(ie_sample_seconds)} "
        f"({ie_sample['new']:,} new, {ie_sample['errors']} errors); {rows:,} rows estimated {fmt_seconds(estimate)}"
    )
    if not quick and sample_rows < rows and estimate <= ie_full_limit:
        ie_seconds, ie_full = import_export_once(member_file)
        ie_note = f"measured on all {rows:,} rows ({ie_full['new']:,} new, {ie_full['errors']} errors)"
        say(f"  django-import-export, {rows:,} rows: {fmt_seconds(ie_seconds)}")
    else:
        ie_seconds = estimate
        why = "of --quick" if quick else f"the {rows:,}-row run was estimated above --ie-full-limit={ie_full_limit:g} s"
        ie_note = (
            f"EXTRAPOLATED linearly from {sample_rows:,} rows ({fmt_seconds(ie_sample_seconds)}, "
            f"{ie_sample['new']:,} new, {ie_sample['errors']} errors) because {why}"
        )

    # The project's import, once (it leaves the members in place for the export benchmark).
    import_seconds, result = timed(
        lambda: member_import(actor=admin, data=member_file.data, filename="members.xlsx", dry_run=False)
    )
    ok = result.committed and result.created == rows and not result.errors
    say(
        f"  member_import: {fmt_seconds(import_seconds)}, created {result.created:,}, updated {result.updated:,}, "
        f"errors {len(result.errors)}, committed {result.committed}"
    )
    if result.errors:
        say(table(["row", "column", "value", "code"], [[e.row, e.column, e.value, e.code] for e in result.errors[:10]]))

    floor = median(floors)
    note = (
        f"{rows:,} rows, {rows / import_seconds:,.0f} rows/s; writes people_person + people_membership + 1 batch event"
        if ok
        else "IMPORT FAILED: see the errors above"
    )
    report.compare(
        "import",
        f"member_import {rows:,} rows",
        import_seconds if ok else None,
        "s",
        "floor (calamine + executemany people_person)",
        floor,
        at_most=2.5,
        note=note,
    )
    report.compare(
        "import",
        f"member_import {rows:,} rows (vs floor incl. memberships)",
        import_seconds if ok else None,
        "s",
        "floor incl. people_membership",
        median(floors_m),
        note="informational: the floor also inserting the same people_membership rows",
    )
    if floors_copy:
        report.compare(
            "import",
            f"member_import {rows:,} rows (vs COPY floor)",
            import_seconds if ok else None,
            "s",
            "floor with COPY people_person",
            median(floors_copy),
            note="informational: on PostgreSQL, COPY FROM STDIN is the fastest way in; executemany sends row by row",
        )
    report.compare(
        "import",
        f"member_import {rows:,} rows vs django-import-export",
        import_seconds if ok else None,
        "s",
        "django-import-export 4.4.3 (Person only)",
        ie_seconds,
        faster_by=20,
        note=(
            f"django-import-export {ie_note}; its resource maps the same columns onto Person, looks people up by "
            "ID number, full_clean()s every row, derives the pinyin keys, and writes no membership"
        ),
    )
    report.info["import"] = {
        "rows": rows,
        "file_mb": round(len(member_file.data) / 1e6, 2),
        "floor_people_s": floors,
        "floor_people_memberships_s": floors_m,
        "floor_people_copy_s": floors_copy,
        "ie_sample_rows": sample_rows,
        "ie_sample_s": ie_sample_seconds,
        "ie_s": ie_seconds,
        "ie_extrapolated": ie_seconds == estimate,
        "member_import_s": import_seconds,
        "created": result.created,
        "errors": len(result.errors),
    }
    report.print_bench("import", f"1. Import {rows:,} members from .xlsx")

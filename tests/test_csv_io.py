"""CSV export and import of programmes and contact persons in the admin
(programmes/csv_io/): the file, the preview, validation per row, saving with
history, and who may do it."""

import csv
import io

import pytest
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.auth.models import Group, Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from editorial.status import PublicationStatus
from programmes.models import Programme, ProgrammeContact

from . import factories as f

pytestmark = pytest.mark.django_db

PROGRAMME_HEADINGS = [
    "slug",
    "naam van de opleiding",
    "hogeschool",
    "publicatiestatus",
    "leidt tot",
    "graad",
    "CROHO-nummer",
    "staat op het toolkitblad",
    "vmbo-profielen",
    "studievormen",
    "korte samenvatting",
    "meer over deze opleiding",
    "studielast (EC)",
    "duur: minimaal (maanden)",
    "duur: maximaal (maanden)",
    "duur (toelichting)",
    "bindend studieadvies in het eerste jaar",
    "studieadvies: minimaal EC in het eerste jaar",
    "de lijst met modules is compleet",
    "toelatingseisen",
    "vrijstellingen mogelijk",
    "manieren van vrijstelling",
    "toelichting op vrijstellingen",
    "wat de school als werkgever regelt",
    "lid van het ECPB",
    "laatst gecontroleerd op",
]
CONTACT_HEADINGS = [
    "opleiding",
    "opleiding (ter info)",
    "naam",
    "e-mailadres",
    "telefoonnummer",
    "rol",
    "volgorde",
    "laatst gecontroleerd op",
]


def url(model, view):
    return reverse(f"admin:programmes_{model._meta.model_name}_{view}")


def export(client, model, query=""):
    response = client.get(url(model, "export") + query)
    assert response.status_code == 200, response.content[:500]
    return response


def read_csv(content):
    assert content.startswith(b"\xef\xbb\xbf"), "starts with a byte order mark"
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig")), delimiter=";"))


def write_csv(rows, delimiter=";", encoding="utf-8-sig"):
    stream = io.StringIO()
    csv.writer(stream, delimiter=delimiter).writerows(rows)
    return stream.getvalue().encode(encoding)


def edited(content, change):
    """The exported file after `change(row_as_dict)` edited its rows."""
    rows = read_csv(content)
    headings = rows[0]
    records = [dict(zip(headings, row, strict=True)) for row in rows[1:]]
    for record in records:
        change(record)
    return write_csv([headings, *[[record[h] for h in headings] for record in records]])


def upload(client, model, content, name="bewerkt.csv"):
    """Uploads a file: the preview step. Nothing is saved yet."""
    return client.post(
        url(model, "import"),
        {"import_file": SimpleUploadedFile(name, content), "format": "0", "resource": "0"},
    )


def confirm(client, model, preview):
    """Confirms the import that `preview` shows."""
    form = preview.context["confirm_form"]
    assert form is not None
    return client.post(url(model, "process_import"), form.initial)


def totals(preview):
    result = preview.context["result"]
    return {key: value for key, value in result.totals.items() if value}


def snapshot(model):
    """Every stored value of every entry, including many-to-many relations."""
    rows = []
    for entry in model.objects.order_by("pk"):
        values = {
            field.attname: getattr(entry, field.attname)
            for field in model._meta.concrete_fields
            if field.name != "updated_at"
        }
        for field in model._meta.many_to_many:
            values[field.name] = sorted(getattr(entry, field.name).values_list("pk", flat=True))
        rows.append(values)
    return rows


def history_count(model):
    return model.history.count()


# --- Export ----------------------------------------------------------------------


def test_programme_export_has_dutch_headings_and_a_row_per_programme(seeded_db, staff_client):
    response = export(staff_client, Programme)

    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert 'filename="opleidingen-' in response["Content-Disposition"]
    rows = read_csv(response.content)
    assert rows[0] == PROGRAMME_HEADINGS
    assert sorted(row[0] for row in rows[1:]) == sorted(
        Programme.objects.values_list("slug", flat=True)
    )


def test_programme_export_names_related_entries_by_slug(staff_client):
    programme = f.ProgrammeFactory(exemptions_possible=True, ecpb_member=None, total_ec=240)
    programme.profiles.add(f.VocationalProfileFactory(code="PIE"))
    programme.profiles.add(f.VocationalProfileFactory(code="BWI"))

    rows = read_csv(export(staff_client, Programme).content)
    record = dict(zip(rows[0], rows[1], strict=True))

    assert record["hogeschool"] == programme.institution.slug
    assert record["publicatiestatus"] == "Gepubliceerd"
    assert record["vmbo-profielen"] == "pie, bwi"
    assert record["vrijstellingen mogelijk"] == "ja"
    assert record["lid van het ECPB"] == ""
    assert record["studielast (EC)"] == "240"
    assert record["laatst gecontroleerd op"] == "2026-11-24"


def test_contact_export_has_dutch_headings_and_a_row_per_contact(seeded_db, staff_client):
    rows = read_csv(export(staff_client, ProgrammeContact).content)

    assert rows[0] == CONTACT_HEADINGS
    assert len(rows) - 1 == ProgrammeContact.objects.count()
    contact = ProgrammeContact.objects.select_related("programme").first()
    assert [contact.programme.slug, contact.name, contact.email] in [
        [row[0], row[2], row[3]] for row in rows[1:]
    ]


def test_export_keeps_the_filters_of_the_list(staff_client):
    f.ProgrammeFactory(status=PublicationStatus.PUBLISHED)
    draft = f.ProgrammeFactory(status=PublicationStatus.DRAFT)

    rows = read_csv(export(staff_client, Programme, "?status__exact=draft").content)

    assert [row[0] for row in rows[1:]] == [draft.slug]


def test_phone_number_is_exported_so_a_spreadsheet_does_not_read_a_formula(staff_client):
    contact = f.ProgrammeContactFactory(phone="+31 38 123 45 67")
    rows = read_csv(export(staff_client, ProgrammeContact).content)
    assert rows[1][4] == "'+31 38 123 45 67"

    preview = upload(staff_client, ProgrammeContact, write_csv(rows))

    assert totals(preview) == {"skip": 1}
    contact.refresh_from_db()
    assert contact.phone == "+31 38 123 45 67"


def test_a_cell_starting_with_a_tab_or_carriage_return_is_exported_as_text(staff_client):
    # OWASP: a spreadsheet may run a cell that starts with a tab or a carriage return
    # as a formula, like one that starts with = + - or @.
    f.ProgrammeContactFactory(role="\t=1+1", name="\r=2+2")

    rows = read_csv(export(staff_client, ProgrammeContact).content)

    assert rows[1][5] == "'\t=1+1"
    assert rows[1][2] == "'\r=2+2"
    assert not any(cell[:1] in "=+-@\t\r" for row in rows for cell in row if cell)


# --- Round trip ------------------------------------------------------------------


@pytest.mark.parametrize("model", [Programme, ProgrammeContact])
def test_unchanged_export_imports_back_as_all_unchanged_and_changes_nothing(
    seeded_db, staff_client, model
):
    before = snapshot(model)
    history_before = history_count(model)
    content = export(staff_client, model).content

    preview = upload(staff_client, model, content)

    assert preview.status_code == 200
    assert totals(preview) == {"skip": model.objects.count()}
    assert "Ongewijzigd" in preview.text

    response = confirm(staff_client, model, preview)

    assert response.status_code == 302
    assert snapshot(model) == before
    assert history_count(model) == history_before


# --- Changes -------------------------------------------------------------------


def test_edited_email_shows_in_the_preview_and_is_stored_with_history(seeded_db, staff_client):
    contact = ProgrammeContact.objects.select_related("programme").first()
    old_email = contact.email
    history_before = contact.history.count()

    def change(record):
        if record["e-mailadres"] == old_email:
            record["e-mailadres"] = "nieuw.adres@hogeschool.example"

    content = edited(export(staff_client, ProgrammeContact).content, change)
    preview = upload(staff_client, ProgrammeContact, content)

    assert totals(preview) == {"update": 1, "skip": ProgrammeContact.objects.count() - 1}
    assert "Gewijzigd" in preview.text
    assert "nieuw.adres" in preview.text
    contact.refresh_from_db()
    assert contact.email == old_email, "the preview saves nothing"
    assert contact.history.count() == history_before

    response = confirm(staff_client, ProgrammeContact, preview)

    assert response.status_code == 302
    contact.refresh_from_db()
    assert contact.email == "nieuw.adres@hogeschool.example"
    assert contact.history.count() == history_before + 1
    record = contact.history.first()
    assert record.history_user.username == "redacteur"
    assert record.history_change_reason == "CSV-import"
    assert [change.field for change in record.diff_against(record.prev_record).changes] == ["email"]
    messages = [str(m) for m in response.wsgi_request._messages]
    assert any("1 gewijzigd" in message for message in messages)
    log = LogEntry.objects.get(object_id=str(contact.pk))
    assert (log.action_flag, log.get_change_message()) == (CHANGE, "Via een CSV-import.")


def test_edited_profiles_are_stored_with_history(staff_client):
    programme = f.ProgrammeFactory()
    programme.profiles.add(f.VocationalProfileFactory(code="PIE"))
    f.VocationalProfileFactory(code="BWI")
    history_before = programme.history.count()

    content = edited(
        export(staff_client, Programme).content,
        lambda record: record.update({"vmbo-profielen": "pie, bwi", "graad": "Bachelor"}),
    )
    preview = upload(staff_client, Programme, content)
    assert totals(preview) == {"update": 1}
    confirm(staff_client, Programme, preview)

    programme.refresh_from_db()
    assert programme.degree == "Bachelor"
    assert sorted(programme.profiles.values_list("slug", flat=True)) == ["bwi", "pie"]
    assert programme.history.count() > history_before
    latest = programme.history.first()
    assert sorted(row.vocationalprofile.slug for row in latest.profiles.all()) == ["bwi", "pie"]


def test_new_row_adds_a_contact(staff_client):
    programme = f.ProgrammeFactory()
    content = write_csv(
        [
            ["opleiding", "naam", "e-mailadres", "telefoonnummer"],
            [programme.slug, "Nieuwe Collega", "nieuw@hogeschool.example", "038 123 45 67"],
        ]
    )

    preview = upload(staff_client, ProgrammeContact, content)
    assert totals(preview) == {"new": 1}
    assert "Nieuw" in preview.text
    confirm(staff_client, ProgrammeContact, preview)

    contact = programme.contacts.get()
    assert (contact.name, contact.email, contact.phone, contact.order) == (
        "Nieuwe Collega",
        "nieuw@hogeschool.example",
        "038 123 45 67",
        0,
    )
    assert contact.history.get().history_type == "+"


def test_new_row_adds_a_draft_programme(staff_client):
    institution = f.InstitutionFactory(slug="windesheim")
    f.StudyFormFactory(slug="deeltijd")
    content = write_csv(
        [
            ["slug", "naam van de opleiding", "hogeschool", "publicatiestatus", "studievormen"],
            ["windesheim-nieuw", "Nieuwe opleiding", "windesheim", "Concept", "deeltijd"],
        ]
    )

    preview = upload(staff_client, Programme, content)
    assert totals(preview) == {"new": 1}
    confirm(staff_client, Programme, preview)

    programme = Programme.objects.get(slug="windesheim-nieuw")
    assert programme.institution == institution
    assert programme.status == PublicationStatus.DRAFT
    assert list(programme.study_forms.values_list("slug", flat=True)) == ["deeltijd"]
    assert programme.history.last().history_type == "+"


def test_preview_shows_when_the_file_would_undo_a_change_made_after_the_export(staff_client):
    contact = f.ProgrammeContactFactory(role="Oude rol")
    content = export(staff_client, ProgrammeContact).content
    contact.role = "Rol van een collega"
    contact.save()

    preview = upload(staff_client, ProgrammeContact, content)

    assert totals(preview) == {"update": 1}
    assert "Gewijzigd" in preview.text
    assert "collega" in preview.text


def test_a_file_with_commas_in_windows_encoding_is_read(staff_client):
    contact = f.ProgrammeContactFactory(name="René Müller")
    content = write_csv(
        [
            ["opleiding", "naam", "rol"],
            [contact.programme.slug, "René Müller", "Coördinator zij-instroom"],
        ],
        delimiter=",",
        encoding="cp1252",
    )

    preview = upload(staff_client, ProgrammeContact, content)
    assert totals(preview) == {"update": 1}
    confirm(staff_client, ProgrammeContact, preview)

    contact.refresh_from_db()
    assert contact.role == "Coördinator zij-instroom"


# --- Errors ----------------------------------------------------------------------


def assert_refused(preview, *messages):
    assert preview.status_code == 200
    assert preview.context.get("confirm_form") is None, "a file with errors cannot be confirmed"
    assert 'name="confirm"' not in preview.text
    assert "Er is niets opgeslagen" in preview.text
    for message in messages:
        assert message in preview.text


def test_invalid_email_is_reported_on_its_row_and_nothing_is_saved(seeded_db, staff_client):
    before = snapshot(ProgrammeContact)
    contacts = ProgrammeContact.objects.order_by("programme", "order", "pk")
    wrong = contacts.first().email

    def change(record):
        if record["e-mailadres"] == wrong:
            record["e-mailadres"] = "geen-adres"
        else:
            record["rol"] = "Andere rol"  # valid changes are not saved either

    preview = upload(
        staff_client,
        ProgrammeContact,
        edited(export(staff_client, ProgrammeContact).content, change),
    )

    assert_refused(preview, "Voer een geldig e-mailadres in.")
    [row] = preview.context["result"].invalid_rows
    assert "e-mailadres" in row.field_specific_errors
    assert snapshot(ProgrammeContact) == before


def test_unknown_institution_slug_is_reported_on_its_row_and_nothing_is_saved(staff_client):
    programme = f.ProgrammeFactory()
    before = snapshot(Programme)
    content = edited(
        export(staff_client, Programme).content,
        lambda record: record.update({"hogeschool": "bestaat-niet", "graad": "Master"}),
    )

    preview = upload(staff_client, Programme, content)

    assert_refused(preview, "Er is geen hogeschool met de slug ‘bestaat-niet’.")
    assert snapshot(Programme) == before
    assert programme.history.count() == 1


def test_unknown_profile_and_bad_yes_no_are_reported_in_dutch(staff_client):
    f.ProgrammeFactory()
    content = edited(
        export(staff_client, Programme).content,
        lambda record: record.update(
            {"vmbo-profielen": "xyz", "vrijstellingen mogelijk": "misschien"}
        ),
    )

    preview = upload(staff_client, Programme, content)

    assert_refused(preview, "Onbekend: xyz.", "Vul ‘ja’ of ‘nee’ in")


def test_a_yes_no_field_that_is_never_unknown_refuses_an_empty_cell(staff_client):
    programme = f.ProgrammeFactory()
    content = edited(
        export(staff_client, Programme).content,
        lambda record: record.update({"staat op het toolkitblad": ""}),
    )

    preview = upload(staff_client, Programme, content)

    assert_refused(preview, "Vul ‘ja’ of ‘nee’ in.")
    programme.refresh_from_db()
    assert programme.on_sheet is True


def test_the_new_facts_go_out_and_come_back_in_the_spreadsheet(staff_client):
    programme = f.ProgrammeFactory(on_sheet=True)
    content = edited(
        export(staff_client, Programme).content,
        lambda record: record.update(
            {
                "CROHO-nummer": "35210",
                "staat op het toolkitblad": "nee",
                "duur: minimaal (maanden)": "12",
                "duur: maximaal (maanden)": "18",
                "bindend studieadvies in het eerste jaar": "ja",
                "studieadvies: minimaal EC in het eerste jaar": "45",
            }
        ),
    )

    confirm(staff_client, Programme, upload(staff_client, Programme, content))

    programme.refresh_from_db()
    assert programme.croho_code == "35210"
    assert programme.on_sheet is False
    assert (programme.duration_min_months, programme.duration_max_months) == (12, 18)
    assert programme.study_advice_binding is True
    assert programme.study_advice_min_ec == 45


def test_invalid_phone_number_is_reported_like_in_the_admin_form(staff_client):
    f.ProgrammeContactFactory()
    content = edited(
        export(staff_client, ProgrammeContact).content,
        lambda record: record.update({"telefoonnummer": "bel de receptie"}),
    )

    preview = upload(staff_client, ProgrammeContact, content)

    assert_refused(preview, "Vul een geldig telefoonnummer in, bijvoorbeeld 038 123 45 67.")


def test_unknown_programme_of_a_contact_is_reported_on_its_row(staff_client):
    content = write_csv(
        [["opleiding", "naam", "e-mailadres"], ["bestaat-niet", "Iemand", "a@b.nl"]]
    )

    preview = upload(staff_client, ProgrammeContact, content)

    assert_refused(preview, "Er is geen opleiding met de slug ‘bestaat-niet’.")
    assert not ProgrammeContact.objects.exists()


def test_correcting_only_a_name_is_refused_instead_of_adding_a_second_contact(staff_client):
    contact = f.ProgrammeContactFactory(name="Piet Jansen", email="p.jansen@hogeschool.example")
    content = edited(
        export(staff_client, ProgrammeContact).content,
        lambda record: record.update({"naam": "Piet Janssen"}),
    )

    preview = upload(staff_client, ProgrammeContact, content)

    assert_refused(preview)
    assert contact.programme.contacts.count() == 1


def test_a_name_shared_by_two_contacts_of_a_programme_is_refused(staff_client):
    programme = f.ProgrammeFactory()
    f.ProgrammeContactFactory(programme=programme, name="Piet")
    f.ProgrammeContactFactory(programme=programme, name="Piet")
    content = write_csv([["opleiding", "naam", "rol"], [programme.slug, "Piet", "Docent"]])

    preview = upload(staff_client, ProgrammeContact, content)

    assert_refused(preview, "Deze rij past bij meer dan één contactpersoon.")
    assert not programme.contacts.filter(role="Docent").exists()


def test_a_file_with_only_a_heading_gets_a_dutch_message(staff_client):
    preview = upload(staff_client, Programme, write_csv([PROGRAMME_HEADINGS]))

    assert preview.context.get("confirm_form") is None
    assert "Dit bestand heeft geen rijen om te importeren" in preview.text


def test_unknown_column_is_refused(staff_client):
    f.ProgrammeFactory()
    content = edited(export(staff_client, Programme).content, lambda record: None)
    content = content.replace(b";graad;", b";graden;", 1)

    preview = upload(staff_client, Programme, content)

    assert preview.context.get("confirm_form") is None
    assert "Onbekende kolom(men): ‘graden’." in preview.text


def test_a_file_that_is_not_csv_gets_a_dutch_message(staff_client):
    preview = upload(staff_client, Programme, b"\x81\x8d\x8f\x90\x9d", name="foto.csv")

    assert preview.context.get("confirm_form") is None
    assert "De tekens in dit bestand zijn niet te lezen" in preview.text


def test_import_cannot_publish_an_incomplete_programme(staff_client):
    programme = f.ProgrammeFactory(status=PublicationStatus.DRAFT)
    content = edited(
        export(staff_client, Programme).content,
        lambda record: record.update({"publicatiestatus": "Gepubliceerd"}),
    )

    preview = upload(staff_client, Programme, content)

    assert_refused(preview, "Publiceren kan nog niet: er ontbreekt nog een website en een")
    programme.refresh_from_db()
    assert programme.status == PublicationStatus.DRAFT


def test_import_publishes_a_complete_programme(staff_client):
    programme = f.ProgrammeFactory(status=PublicationStatus.DRAFT)
    f.ProgrammeLinkFactory(programme=programme)
    f.ProgrammeContactFactory(programme=programme)
    content = edited(
        export(staff_client, Programme).content,
        lambda record: record.update({"publicatiestatus": "gepubliceerd"}),
    )

    confirm(staff_client, Programme, upload(staff_client, Programme, content))

    programme.refresh_from_db()
    assert programme.status == PublicationStatus.PUBLISHED


def test_confirming_saves_nothing_when_the_file_no_longer_fits(staff_client):
    """Between preview and confirmation someone else gave another contact of the
    programme the new address: the import now fails, and saves no row at all."""
    programme = f.ProgrammeFactory()
    first = f.ProgrammeContactFactory(programme=programme, name="Anna", order=1)
    f.ProgrammeContactFactory(programme=programme, name="Bert", order=2)

    def change(record):
        record["rol"] = "Nieuwe rol"
        if record["naam"] == "Anna":
            record["e-mailadres"] = "gedeeld@hogeschool.example"

    content = edited(export(staff_client, ProgrammeContact).content, change)
    preview = upload(staff_client, ProgrammeContact, content)
    assert totals(preview) == {"update": 2}
    ProgrammeContact.objects.filter(name="Bert").update(email="gedeeld@hogeschool.example")

    response = confirm(staff_client, ProgrammeContact, preview)

    assert response.status_code == 302
    assert response["Location"] == url(ProgrammeContact, "import")
    assert not ProgrammeContact.objects.filter(role="Nieuwe rol").exists()
    first.refresh_from_db()
    assert first.email != "gedeeld@hogeschool.example"


# --- Who may -------------------------------------------------------------------


@pytest.fixture
def editor_client(client, django_user_model):
    user = django_user_model.objects.create_user(username="redacteur", is_staff=True)
    user.groups.add(Group.objects.get(name="Redacteur"))
    client.force_login(user)
    return client


@pytest.mark.parametrize("model", [Programme, ProgrammeContact])
def test_changelist_offers_import_and_export(staff_client, model):
    response = staff_client.get(url(model, "changelist"))
    assert url(model, "import") in response.text
    assert url(model, "export") in response.text


def test_redacteur_exports_and_imports(editor_client):
    contact = f.ProgrammeContactFactory()
    content = edited(
        export(editor_client, ProgrammeContact).content,
        lambda record: record.update({"rol": "Contactpersoon zij-instroom"}),
    )

    preview = upload(editor_client, ProgrammeContact, content)
    assert totals(preview) == {"update": 1}
    response = confirm(editor_client, ProgrammeContact, preview)

    assert response.status_code == 302
    contact.refresh_from_db()
    assert contact.role == "Contactpersoon zij-instroom"
    assert contact.history.first().history_user.username == "redacteur"


def test_staff_who_may_only_view_can_export_but_not_import(client, django_user_model):
    user = django_user_model.objects.create_user(username="lezer", is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="view_programme"))
    client.force_login(user)
    f.ProgrammeFactory()

    assert client.get(url(Programme, "export")).status_code == 200
    assert client.get(url(Programme, "import")).status_code == 403
    changelist = client.get(url(Programme, "changelist"))
    assert url(Programme, "import") not in changelist.text

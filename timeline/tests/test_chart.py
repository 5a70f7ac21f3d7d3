"""The geometry of the timeline picture (``timeline/chart.py``): years onto positions,
periods onto bands, events onto marks, labels into the room they have. No database."""

from __future__ import annotations

import pytest

from timeline import chart
from timeline.chart import BandSpec, MarkSpec, TimeScale, num, text_width, wrap
from timeline.views import sentence_year

TODAY = 2026

BANDS = [
    BandSpec("1970er", "1970er Jahre", 1970, 1979, "/g/1970er/", "1970–1979", "Fokus A"),
    BandSpec("1980er", "1980er Jahre", 1980, 1989, "/g/1980er/", "1980–1989", "Fokus B"),
    BandSpec("1990er", "1990er Jahre", 1990, 1999, "/g/1990er/", "1990–1999", "Fokus C"),
    BandSpec("2000er", "2000er Jahre", 2000, 2009, "/g/2000er/", "2000–2009", "Fokus D"),
    BandSpec("ab-2010er", "Ab 2010er Jahre", 2010, None, "/g/ab-2010er/", "seit 2010", "E"),
]


def mark(key: str, band: str, year: int | None, title: str = "Ein Ereignis") -> MarkSpec:
    label = f"{year} {title}" if year else title
    return MarkSpec(key, band, year, title, f"/g/{band}/#ereignis-{key}", f"{label} – Bund")


MARKS = [
    mark("beiraete", "1970er", None, "Einrichtung von Ausländerbeiräten"),
    mark("asyl", "1990er", 1993, "Einschränkung des Grundrechts auf Asyl (Art. 16a GG)"),
    mark("konzepte", "1990er", None, "Kommunen entwickeln Integrationskonzepte"),
    mark("zuwanderung", "2000er", 2005, "Inkrafttreten des Zuwanderungsgesetzes"),
    mark("kim", "ab-2010er", 2021, "Programm Kommunales Integrationsmanagement (KIM)"),
    mark("ukraine", "ab-2010er", None, "Zuzug von Ukrainer:innen"),
]


def by_key(picture: chart.Chart) -> dict[str, chart.MarkShape]:
    return {shape.spec.key: shape for shape in picture.marks}


def bands_by_key(picture: chart.Chart) -> dict[str, chart.BandShape]:
    return {band.spec.key: band for band in picture.bands}


# --- the time scale ---------------------------------------------------------------------


def test_years_map_linearly_onto_the_axis_from_1970_to_the_end_of_this_year():
    scale = TimeScale(1970, TODAY, 16, 1184)
    assert scale.position(1970) == 16
    assert scale.position(TODAY + 1) == 1184
    step = scale.position(1971) - scale.position(1970)
    for year in (1980, 1993, 2015):
        assert scale.position(year) == pytest.approx(16 + (year - 1970) * step)
    # A dated event stands in the middle of its year.
    assert scale.year(1993) == pytest.approx((scale.position(1993) + scale.position(1994)) / 2)


def test_a_period_band_covers_its_years_and_an_open_one_lasts_until_today():
    scale = TimeScale(1970, TODAY, 16, 1184)
    assert scale.period(1970, 1979) == (scale.position(1970), scale.position(1980))
    # Decades follow each other without a gap.
    assert scale.period(1970, 1979)[1] == scale.period(1980, 1989)[0]
    assert scale.period(2010, None) == (scale.position(2010), 1184)


def test_the_axis_runs_from_1970_to_today_and_widens_for_content_outside():
    assert chart.axis_years(BANDS, MARKS, today=TODAY) == (1970, TODAY)
    later = [*BANDS, BandSpec("2030er", "2030er", 2030, 2039, "/x/", "2030–2039")]
    assert chart.axis_years(later, MARKS, today=TODAY) == (1970, 2039)
    early = [mark("alt", "1970er", 1961)]
    assert chart.axis_years(BANDS, early, today=TODAY) == (1960, TODAY)


def test_an_undated_event_belongs_to_its_whole_period_a_dated_one_to_its_year():
    scale = TimeScale(1970, TODAY, 16, 1184)
    dated, undated = MARKS[1], MARKS[2]
    assert chart.mark_span(dated, BANDS[2], scale) == (scale.year(1993), scale.year(1993))
    assert chart.mark_span(undated, BANDS[2], scale) == scale.period(1990, 1999)


# --- the horizontal picture ----------------------------------------------------------


def test_horizontal_marks_stand_at_their_year_and_bars_span_their_period():
    picture = chart.horizontal(BANDS, MARKS, today=TODAY)
    scale = TimeScale(1970, TODAY, chart.WIDE.pad, chart.WIDE.width - chart.WIDE.pad)
    shapes = by_key(picture)
    assert shapes["asyl"].kind == "point"
    assert float(shapes["asyl"].cx) == pytest.approx(scale.year(1993), abs=0.05)
    assert float(shapes["kim"].cx) == pytest.approx(scale.year(2021), abs=0.05)
    for key, band in (("beiraete", BANDS[0]), ("konzepte", BANDS[2]), ("ukraine", BANDS[4])):
        bar = shapes[key].bar
        assert shapes[key].kind == "span"
        start, end = scale.period(band.start, band.end)
        assert float(bar.x) == pytest.approx(start + 4, abs=0.05)
        assert float(bar.x) + float(bar.width) == pytest.approx(end - 4, abs=0.1)


def test_horizontal_bands_sit_at_their_years_and_run_the_full_height():
    picture = chart.horizontal(BANDS, MARKS, today=TODAY)
    scale = TimeScale(1970, TODAY, chart.WIDE.pad, chart.WIDE.width - chart.WIDE.pad)
    for band in picture.bands:
        start, end = scale.period(band.spec.start, band.spec.end)
        assert float(band.stripe.x) == pytest.approx(start, abs=0.05)
        assert float(band.stripe.x) + float(band.stripe.width) == pytest.approx(end, abs=0.1)
        assert band.stripe.height == picture.height
    assert picture.view_box == f"0 0 1200 {picture.height}"


def test_every_event_has_a_row_of_its_own_in_order():
    picture = chart.horizontal(BANDS, MARKS, today=TODAY)
    rows = [
        (float(shape.hit.y), float(shape.hit.y) + float(shape.hit.height))
        for shape in picture.marks
    ]
    assert [shape.spec.key for shape in picture.marks] == [m.key for m in MARKS]
    for (_, bottom), (top, _) in zip(rows, rows[1:], strict=False):
        assert bottom <= top + 0.1, "rows overlap"


def test_horizontal_labels_stay_inside_the_picture_and_beside_their_mark():
    long_title = "Ein sehr langer Titel eines Ereignisses " * 3
    marks = [*MARKS, mark("lang", "ab-2010er", 2024, long_title.strip())]
    picture = chart.horizontal(BANDS, marks, today=TODAY)
    width = float(picture.width)
    for shape in picture.marks:
        for line in shape.label:
            x = float(line.x)
            extent = text_width(line.text, chart.WIDE.label_size) + (
                text_width(line.lead + " ", chart.WIDE.label_size, bold=True) if line.lead else 0
            )
            left, right = (x, x + extent) if line.anchor == "start" else (x - extent, x)
            assert left >= 0 and right <= width, (shape.spec.key, line)
            # The link's click area holds the label.
            assert float(shape.hit.x) <= left + 0.1
    long = by_key(picture)["lang"]
    assert len(long.label) > 1  # wrapped, not cut
    assert all(
        text_width(line.text, chart.WIDE.label_size) <= chart.WIDE.label_max for line in long.label
    )
    assert " ".join(line.content for line in long.label) == f"2024 {long_title.strip()}"


def test_a_dated_label_begins_with_its_year_in_bold_and_the_link_name_with_the_label():
    picture = chart.horizontal(BANDS, MARKS, today=TODAY)
    asyl = by_key(picture)["asyl"]
    assert asyl.label[0].lead == "1993"
    label = " ".join(line.content for line in asyl.label)
    assert asyl.spec.name.startswith(label)


def test_band_heads_carry_years_title_and_focus_wrapped_to_the_band():
    focus = "Zuwanderung von Aussiedler:innen, Asylbewerber:innen, Bürgerkriegsflüchtlingen"
    bands = [BANDS[0], BandSpec("1980er", "1980er Jahre", 1980, 1989, "/h/", "1980–1989", focus)]
    picture = chart.horizontal(bands, [], today=TODAY)
    head = bands_by_key(picture)["1980er"]
    assert head.span.text == "1980–1989"
    assert [line.text for line in head.title] == ["1980er Jahre"]
    assert " ".join(line.text for line in head.focus) == focus
    band_width = float(head.stripe.width)
    assert len(head.focus) > 1
    for line in head.focus:
        assert text_width(line.text, chart.WIDE.focus_size) <= band_width - 16


def test_the_same_content_gives_the_same_picture():
    first = chart.horizontal(BANDS, MARKS, today=TODAY)
    again = chart.horizontal(list(BANDS), list(MARKS), today=TODAY)
    assert first == again
    assert chart.vertical(BANDS, MARKS, today=TODAY) == chart.vertical(BANDS, MARKS, today=TODAY)


def test_labels_lists_every_text_of_the_picture_but_the_scale():
    picture = chart.horizontal(BANDS, MARKS, today=TODAY)
    labels = picture.labels()
    assert "1970er Jahre" in labels and "1970–1979" in labels and "Fokus A" in labels
    assert "1993 Einschränkung des Grundrechts auf Asyl (Art. 16a GG)" in labels
    assert "1980" not in labels  # a tick of the axis


# --- the vertical picture (phones) ---------------------------------------------------


def test_vertical_bands_follow_each_other_and_hold_their_marks():
    picture = chart.vertical(BANDS, MARKS, today=TODAY)
    bands = picture.bands
    for upper, lower in zip(bands, bands[1:], strict=False):
        assert float(upper.stripe.y) + float(upper.stripe.height) == pytest.approx(
            float(lower.stripe.y), abs=0.1
        )
    for band in bands:
        top = float(band.stripe.y)
        bottom = top + float(band.stripe.height)
        for shape in band.marks:
            assert top < float(shape.cy) < bottom
            assert shape.spec.band == band.spec.key
    assert float(picture.height) >= float(bands[-1].stripe.y) + float(bands[-1].stripe.height)


def test_vertical_marks_are_dots_for_years_and_bars_for_periods_on_the_axis():
    picture = chart.vertical(BANDS, MARKS, today=TODAY)
    shapes = by_key(picture)
    assert shapes["asyl"].kind == "point" and shapes["asyl"].bar is None
    assert shapes["ukraine"].kind == "span" and shapes["ukraine"].bar is not None
    assert {shape.cx for shape in picture.marks} == {num(chart.NARROW.axis_x)}


def test_vertical_labels_wrap_to_the_phone_width():
    picture = chart.vertical(BANDS, MARKS, today=TODAY)
    width = float(picture.width)
    for shape in picture.marks:
        for line in shape.label:
            extent = text_width(line.text, chart.NARROW.label_size)
            if line.lead:
                extent += text_width(line.lead + " ", chart.NARROW.label_size, bold=True)
            assert float(line.x) + extent <= width
    assert picture.width == "360"


# --- text ---------------------------------------------------------------------------


def test_text_width_uses_the_fonts_own_widths():
    assert text_width("", 13) == 0
    assert text_width("i", 10) < text_width("m", 10)
    assert text_width("1993", 13, bold=True) > text_width("1993", 13)
    assert text_width("Zeitabschnitt", 26) == pytest.approx(2 * text_width("Zeitabschnitt", 13))
    # A sign the table does not know counts as wide rather than as nothing.
    assert text_width("\u0634", 10) > text_width("e", 10)


def test_wrap_keeps_every_word_in_order_within_the_width():
    text = "Zuzug von Geflüchteten aus Syrien, Afghanistan, Irak 2015; Zuzug von Ukrainer:innen"
    lines = wrap(text, 150, 13)
    assert " ".join(lines) == text
    assert all(text_width(line, 13) <= 150 for line in lines)
    assert wrap("", 100, 13) == [""]
    # A word longer than the line stands alone instead of being cut.
    assert (
        wrap("Integrationsmanagementprogramm kurz", 60, 13)[0] == "Integrationsmanagementprogramm"
    )


def test_wrap_leaves_room_for_a_lead_on_the_first_line():
    lines = wrap("Reform des TIntG NRW", 200, 13, indent=40)
    assert " ".join(lines) == "Reform des TIntG NRW"
    assert text_width(lines[0], 13) <= 160
    # When not even one word fits beside the lead, the lead stands alone on its line.
    assert wrap("Staatsangehörigkeitsrecht", 120, 13, indent=80)[0] == ""


def test_numbers_are_written_with_a_point_and_at_most_one_decimal():
    assert num(12.0) == "12"
    assert num(12.345) == "12.3"
    assert num(-0.01) == "0"
    assert num(1184) == "1184"


@pytest.mark.parametrize(
    ("sentence", "year"),
    [
        ("Im Jahr 1993 ändert sich das Grund-Gesetz.", 1993),
        ("In 2012, North Rhine-Westphalia has a new law.", 2012),
        ("Seit dem Jahr 2021 gibt es das Programm KIM.", 2021),
        ("In den 1970er Jahren kommen viele Arbeiter nach Deutschland.", None),
        ("In the 1970s, many workers come to Germany.", None),
        ("Es gibt 12345 Menschen.", None),
    ],
)
def test_a_leichte_sprache_sentence_names_a_year_or_none(sentence, year):
    assert sentence_year(sentence) == year

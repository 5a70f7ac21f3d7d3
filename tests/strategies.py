"""Hypothesis strategies for hostile input, shared by the bad-input tests of every part."""

from hypothesis import strategies as st

#: Text that a UTF-8 form post can carry (no lone surrogates), from the whole of Unicode.
any_text = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=300)

RTL = [
    "مرحبا بالعالم",
    "שלום עולם",
    "\u202eevil\u202c",  # right-to-left override
    "abc\u200fdef\u200e",
    "کوچه ۱۲",
]
HTML = [
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "<b>fett</b>",
    "{{ request }}",
    "{% debug %}",
    "javascript:alert(1)",
    "&lt;&amp;&#0;",
]
SQL = [
    "' OR '1'='1",
    "'; DROP TABLE actors_actor; --",
    '" OR ""="',
    "1; SELECT pg_sleep(5)",
    "%",
    "_",
    "\\",
]
NUMBERS_AND_DATES = [
    "-1",
    "0",
    "1e309",
    "NaN",
    "Infinity",
    "99999999999999999999999",
    "2024-02-30",
    "0000-00-00",
    "9999-99-99",
    "31.13.2024",
    "1.5",
    "",
    " ",
]
CONTROL = st.text(alphabet=st.characters(max_codepoint=31), min_size=1, max_size=20)

#: Hostile strings of every kind; long ones are made cheaply by repetition.
hostile = st.one_of(
    any_text,
    st.sampled_from(RTL + HTML + SQL + NUMBERS_AND_DATES),
    CONTROL,
    st.just("\x00"),
    st.builds(
        lambda s, n: (s or "x") * n,
        st.sampled_from(HTML + RTL + ["ä"]),
        st.sampled_from([300, 5001, 20_000]),
    ),
    st.builds(lambda a, b: a + b, any_text, st.sampled_from(HTML + SQL + RTL)),
)

#: Raw markup that must never come back unescaped.
DANGEROUS = ("<script>alert(1)", "<img src=x onerror", "<b>fett</b>")


def assert_escaped(html: str, *values: str) -> None:
    """No dangerous fragment of the submitted values appears unescaped in the page."""
    for value in values:
        for fragment in DANGEROUS:
            if fragment in value:
                assert fragment not in html, fragment

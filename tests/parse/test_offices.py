"""The offices a record's own fields give (`parse/offices.py`)."""

from __future__ import annotations

import pytest

from pressroom.parse.offices import record_office


@pytest.mark.parametrize(
    "title, kind",
    [
        ("VICEPRESIDENTA", "presiding"),
        (" Presidente ", "presiding"),
        ("Speaker", "presiding"),
        ("predseda", "presiding"),
        ("PRESIDENTE DEL GOBIERNO", "head"),
        ("Prime Minister", "head"),
        ("predseda vlády", "head"),
        ("MINISTRA DE IGUALDAD", "government"),
        ("VICEPRESIDENTA PRIMERA Y MINISTRA DE ASUNTOS ECONÓMICOS", "government"),
        ("rahandusminister", "government"),
        ("CONSELLEIRO DE ECONOMÍA", "government"),
        ("Secretary of State for Health", "government"),
        ("Defensor del Pueblo", None),
        ("administrator", None),
        ("", None),
        (None, None),
    ],
)
def test_an_office_a_record_gives_is_presiding_a_head_a_government_members_or_none(title, kind):
    assert record_office(title) == kind

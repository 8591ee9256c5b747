"""Action ids are spelt as they always were: stored decisions and the user's notes refer to them."""

from __future__ import annotations

import base64
import hashlib

from hypothesis import given
from hypothesis import strategies as st

from followup.domain.ids import action_id


@given(st.lists(st.one_of(st.integers(), st.text(max_size=30), st.dates()), min_size=1, max_size=5))
def test_an_id_is_the_base32_of_its_digest_as_before(parts):
    digest = hashlib.blake2b("/".join(map(str, parts)).encode(), digest_size=7).digest()
    assert action_id(*parts) == base64.b32encode(digest).decode()[:10].lower()


def test_known_ids_stay_the_same():
    assert action_id("keep_searching", "2026-11-16") == "smbkvizc3w"
    assert action_id(12, "thank_you", 3, 7) == "b7g23vrbqh"

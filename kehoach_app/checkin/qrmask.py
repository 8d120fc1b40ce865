"""The QR symbol of a check-in code and its mask, worked out once per code (pure: segno only).

Of the eight data masks the standard allows, segno picks the one with the lowest penalty
(ISO/IEC 18004:2015, 7.8.3): it builds and scores all eight, about 0,8 ms a code — 80 % of
encoding one. The choice depends on the code alone, so it is worked out when the code is given
and stored beside it (delegates.check_in_mask, migration 0021); printing passes it back and
segno applies that mask straight away. The symbol is the same, module for module: the mask is
segno's own choice, only not chosen again. No mask stored (None): segno chooses, as before.
"""

from __future__ import annotations

import segno

ERROR_LEVEL = "m"  # level M: 15 % of the symbol may be lost (a fold, a stain)
MASKS = range(8)  # the eight data mask patterns of a QR code (ISO/IEC 18004:2015, 7.8.2)


def make_symbol(code: str, mask: int | None = None) -> segno.QRCode:
    """The code's QR symbol: level M, the smallest version that holds it, `mask` applied
    (None: the mask chosen by the standard's penalty rules). A stored value that is no mask
    (a database restored from a hand-edited backup) is ignored: segno chooses, the page prints."""
    if mask not in MASKS:
        mask = None
    return segno.make_qr(code, error=ERROR_LEVEL, boost_error=False, mask=mask)


def mask_of(code: str) -> int | None:
    """The mask segno chooses for `code` (0–7); None for no code."""
    return make_symbol(code).mask if code else None

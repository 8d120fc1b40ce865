"""Write kehoach_app/presets/admin_units.json: the 34 provinces and their xã, phường, đặc khu.

The list is a fact of law, not a program: Nghị quyết của Ủy ban Thường vụ Quốc hội về việc sắp
xếp các đơn vị hành chính cấp xã của từng tỉnh, thành phố năm 2025 (in force from 01/7/2025)
and Nghị quyết số 202/2025/QH15 on the provinces, as published in the Danh mục đơn vị hành chính
Việt Nam of the Cục Thống kê (Bộ Tài chính). The program ships that list as data; it does not
ship or import any library. This script reads the list once from the `vietnam-provinces` package
(https://pypi.org/project/vietnam-provinces/, which carries the same official list) when it is
installed beside it — for generating only, never a requirement of the program:

    python -m venv /tmp/units && /tmp/units/bin/pip install vietnam-provinces
    /tmp/units/bin/python tools/make_admin_units.py

Run it again when a later resolution changes a unit, then review the diff of the JSON file.
"""

from __future__ import annotations

import argparse
import json
import unicodedata
from pathlib import Path

TARGET = Path(__file__).resolve().parent.parent / "kehoach_app" / "presets" / "admin_units.json"

# The package's division types → the program's unit type codes (conferences/vocab.UNIT_TYPES).
PROVINCE_TYPES = {"tỉnh": "tinh", "thành phố trung ương": "thanh_pho"}
UNIT_TYPES = {"xã": "xa", "phường": "phuong", "đặc khu": "dac_khu"}
# How each name starts in the package ("Thành phố Hà Nội", "Phường Hoàn Kiếm"): the data file
# keeps the bare name ("Hà Nội", "Hoàn Kiếm") and the type apart.
PREFIXES = {
    "tinh": ("Tỉnh ",),
    "thanh_pho": ("Thành phố ",),
    "xa": ("Xã ",),
    "phuong": ("Phường ",),
    "dac_khu": ("Đặc khu ",),
}


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text.strip())


def bare(name: str, type_code: str) -> str:
    name = nfc(name)
    for prefix in PREFIXES[type_code]:
        if name.startswith(prefix):
            return name[len(prefix) :]
    return name


def build() -> dict:
    import vietnam_provinces  # only here: the program itself never imports it

    nested = json.loads(vietnam_provinces.NESTED_DIVISIONS_JSON_PATH.read_text(encoding="utf-8"))
    provinces = []
    for province in nested:
        kind = PROVINCE_TYPES[nfc(province["division_type"])]
        units = [
            {
                "name": bare(ward["name"], UNIT_TYPES[nfc(ward["division_type"])]),
                "type": UNIT_TYPES[nfc(ward["division_type"])],
            }
            for ward in province["wards"]
        ]
        provinces.append(
            {
                "name": bare(province["name"], kind),
                "code": province["code"],
                "is_central_city": kind == "thanh_pho",
                "units": units,
            }
        )
    return {
        "source": (
            "Danh mục đơn vị hành chính Việt Nam từ ngày 01/7/2025: Nghị quyết số "
            "202/2025/QH15 về sắp xếp đơn vị hành chính cấp tỉnh và các Nghị quyết của Ủy ban "
            "Thường vụ Quốc hội về sắp xếp đơn vị hành chính cấp xã năm 2025; danh mục của Cục "
            "Thống kê (Bộ Tài chính). Lấy một lần từ gói vietnam-provinces "
            f"{vietnam_provinces.__version__} (dữ liệu ngày {vietnam_provinces.__data_version__})"
            " bằng tools/make_admin_units.py."
        ),
        "effective_from": "2025-07-01",
        "province_count": len(provinces),
        "unit_count": sum(len(p["units"]) for p in provinces),
        "provinces": provinces,
    }


def dump(data: dict) -> str:
    """The JSON text: one line per unit, so a later list's diff shows the units that changed."""
    head = {key: value for key, value in data.items() if key != "provinces"}
    lines = ["{"]
    lines += [
        f"  {json.dumps(k, ensure_ascii=False)}: {json.dumps(v, ensure_ascii=False)},"
        for k, v in head.items()
    ]
    lines.append('  "provinces": [')
    for i, province in enumerate(data["provinces"]):
        own = {key: value for key, value in province.items() if key != "units"}
        lines.append("    " + json.dumps(own, ensure_ascii=False)[:-1] + ', "units": [')
        units = [json.dumps(unit, ensure_ascii=False) for unit in province["units"]]
        lines += [f"      {unit}," for unit in units[:-1]] + [f"      {units[-1]}"]
        lines.append("    ]}" + ("," if i < len(data["provinces"]) - 1 else ""))
    lines += ["  ]", "}"]
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--output", type=Path, default=TARGET)
    args = parser.parse_args()
    data = build()
    args.output.write_text(dump(data), encoding="utf-8")
    print(f"{data['province_count']} tỉnh, thành phố; {data['unit_count']} đơn vị → {args.output}")


if __name__ == "__main__":
    main()

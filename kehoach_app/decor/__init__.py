"""Decoration and protocol set-up of the hall (trang trí khánh tiết), issue 7.

models.py      DecorItem (the checklist) and Backdrop (the stage backdrop's size and texts)
logic.py       pure: deadlines, title block and banner texts, line breaking, the to-scale plan
drawing.py     the plan as shapes: inline SVG for the page, ReportLab canvas for the PDF
printout.py    Bảng kiểm trang trí khánh tiết, Phông sân khấu, Nội dung in băng rôn, phông
operations.py  database side; `decor_costs(conference)` is what the budget part reads
forms.py       the item and backdrop forms (the conference file is checked with them too)
views.py       the pages, and the registrations: printouts, card, preset, demo, file
"""

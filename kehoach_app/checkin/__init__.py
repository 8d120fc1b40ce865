"""Check-in at the door (issue 21): delegate codes, arrivals, the live count, the report."""

"""PDF documents the front desk prints: visit sheet, daily claim notice (R20), dispute case file (R32).

Uses reportlab only; inputs are the plain dataclasses in :mod:`deskapp.reports.model`.
"""

"""After the event: feedback on meetings, follow-up surveys, KPI dashboards and reports."""

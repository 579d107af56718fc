"""Airflow task logs to Loki's push API: one batching shipper, fed by a stdlib handler and a structlog processor."""

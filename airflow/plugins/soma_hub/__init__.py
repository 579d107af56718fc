"""Calls from Airflow to the Soma Agent Hub gateway, and Airflow's task logs shipped to Loki."""

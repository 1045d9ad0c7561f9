"""Submissions pipeline for Shanxi's 2021 consumption-promotion campaign (no Airflow import)."""

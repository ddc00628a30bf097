"""Demo operational database: realistic synthetic data calibrated on the 2022 annual report (DOMAIN.md)."""

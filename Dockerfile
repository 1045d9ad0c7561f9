# The official Airflow image plus this project, for docker-compose.yaml (docs/deploy.md).
# Keep the tag in step with apache-airflow in pyproject.toml (tests/test_compose.py checks).
ARG AIRFLOW_BASE_IMAGE=apache/airflow:3.3.2-python3.11
FROM ${AIRFLOW_BASE_IMAGE}

# jinxiao is installed as a package (its SQL, suites and default campaign inside it, read with
# importlib.resources); /opt/jinxiao holds the mounted campaign (config/) and var/.
USER root
RUN mkdir -p /opt/jinxiao/var && chown -R airflow:0 /opt/jinxiao
USER airflow
WORKDIR /opt/jinxiao

# The lock pins apache-airflow to the image's own version, so pip leaves Airflow alone.
COPY --chown=airflow:0 pyproject.toml requirements.lock ./
RUN pip install --no-cache-dir -r requirements.lock
COPY --chown=airflow:0 src/ src/
RUN pip install --no-cache-dir --no-deps . && rm -rf build

WORKDIR /opt/airflow

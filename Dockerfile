# aitl: the Slack app in HTTP mode (waitress, one process) on $PORT.
#   docker build -t aitl .
#   docker run --rm -p 3000:3000 --stop-timeout 30 -v aitl-data:/data \
#     -e SLACK_BOT_TOKEN=xoxb-... -e SLACK_SIGNING_SECRET=... aitl
# Socket Mode instead: add -e SLACK_APP_TOKEN=xapp-... (no public URL needed).
FROM python:3.12-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

WORKDIR /src

# Dependencies first, in their own layer: rebuilt only when pyproject.toml changes.
# constraints.txt pins every version (scripts/pin_constraints.py): the image is what was tested.
COPY pyproject.toml constraints.txt ./
# The postgres extra (psycopg 3 with its own libpq) too: AITL_DATABASE_URL=postgresql://... works as is.
RUN python -c "import tomllib; p = tomllib.load(open('pyproject.toml', 'rb'))['project']; print('\n'.join(p['dependencies'] + p['optional-dependencies']['postgres']))" \
        > /tmp/requirements.txt \
    && pip install -c constraints.txt -r /tmp/requirements.txt \
    && rm /tmp/requirements.txt

# Then the app itself (the build copies knowledge/ into the package).
COPY README.md setup.py ./
COPY bot ./bot
COPY knowledge ./knowledge
RUN pip install --no-deps . && rm -rf /src/build

# An unprivileged user; /data holds the SQLite store (AITL_DATABASE_URL default: ./aitl.db).
RUN useradd --create-home --uid 10001 --shell /usr/sbin/nologin aitl \
    && mkdir /data && chown aitl:aitl /data
USER aitl
WORKDIR /data
VOLUME ["/data"]

ENV PORT=3000
EXPOSE 3000

# Healthy only while the app can serve (in Socket Mode: while the socket is connected).
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
    CMD ["python", "-c", "import os, urllib.request; urllib.request.urlopen('http://127.0.0.1:' + os.environ.get('PORT', '3000') + '/healthz', timeout=3)"]

# SIGTERM (docker stop) finishes requests in flight and the replies queued behind them.
STOPSIGNAL SIGTERM
CMD ["aitl", "serve"]

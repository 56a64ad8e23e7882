# Pinned n8n runtimes used by the end-to-end tests.
# Plain KEY=VALUE lines: sourced by provision.sh / env.sh and parsed by local-n8n/runtimes.ts.
NODE24_VERSION=24.21.0
N8N_V2_VERSION=2.41.1
N8N_V1_VERSION=1.123.81
V1_XLSX_OVERRIDE=npm:@e965/xlsx@0.20.2

#!/usr/bin/env bash
# The action's deploy step: `unideploy deploy --wait` with the action's inputs (INPUT_*), its progress on stderr (the
# log, folded into a group on GitHub Actions), the final Deployment as JSON; the outputs deployment-id and status
# into $GITHUB_OUTPUT; the CLI's exit code as the step's (0 succeeded, 1 failed, 2 cancelled, 3 timed out, 4 error).
set -uo pipefail
args=(deploy "$INPUT_APP" --wait --json --timeout "${INPUT_TIMEOUT:-10m}")
[ -n "${INPUT_BRANCH:-}" ] && args+=(--branch "$INPUT_BRANCH")
[ -n "${INPUT_COMMIT:-}" ] && args+=(--commit "$INPUT_COMMIT")
[ -n "${INPUT_IMAGE:-}" ] && args+=(--image "$INPUT_IMAGE")
[ -n "${INPUT_ENVIRONMENT:-}" ] && args+=(--environment "$INPUT_ENVIRONMENT")
[ -n "${INPUT_IDEMPOTENCY_KEY:-}" ] && args+=(--idempotency-key "$INPUT_IDEMPOTENCY_KEY")
result=$(mktemp)
unideploy "${args[@]}" > "$result"
code=$?
# one JSON document: the Deployment, or the problem document when the gateway refused
field() { sed -n "s/^  \"$1\" : \"\\([^\"]*\\)\".*/\\1/p" "$result" | head -1; }
{
  echo "deployment-id=$(field id)"
  echo "status=$(field status)"
} >> "${GITHUB_OUTPUT:-/dev/null}"
rm -f "$result"
exit "$code"

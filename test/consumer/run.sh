#!/usr/bin/env bash
# The consumer test (npm run test:consumer; .ci/run runs it after `npm ci && npm test`): Meridian as a user gets it.
#
# Packs this repository (npm pack, which builds dist/), then for the newest @pulumi/pulumi and for the lowest one
# package.json's peer range admits: makes a fresh project from ./project (the tsconfig `pulumi new aws-typescript`
# writes), ./js (a plain JavaScript program) and ./esm (an ES module program), installs the tarball with that @pulumi/pulumi and the newest
# @pulumi/aws from the registry, and proves that tsc passes, `npx meridian plan --stack dev` prints the plan (for
# the TypeScript and the JavaScript program), the project's mocha test against meridian/testing passes, plain
# Node.js `require`s Meridian and records a plan, internals are not importable, exactly one @pulumi/pulumi is
# installed and no Google Cloud, Azure, Cloudflare or policy SDK is.
#
# Bounded: two installs from npm's cache (--prefer-offline), no build beyond the one pack. Temp dirs are removed
# whatever happens. Prints PASS or FAIL (with the step) and exits non-zero on failure.
set -uo pipefail

HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/meridian-consumer.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT
LOG="$WORK/step.log"
CURRENT="setup"

fail() {
  echo "consumer test: FAIL ($CURRENT): $*" >&2
  if [ -s "$LOG" ]; then
    echo "----- output of the failed step -----" >&2
    tail -n 60 "$LOG" >&2
  fi
  exit 1
}
# Runs a command quietly; on failure shows its output and stops.
run() {
  "$@" >"$LOG" 2>&1 || fail "\`$*\` exited $?"
}
step() {
  CURRENT="$1"
  echo "  - $1"
}

VERSION="$(node -p 'require(process.argv[1]).version' "$ROOT/package.json")"
RANGE="$(node -p 'require(process.argv[1]).peerDependencies["@pulumi/pulumi"]' "$ROOT/package.json")"
LOWEST="$(node -p 'process.argv[1].replace(/^[\^~>=\s]+/, "").split(/\s/)[0]' "$RANGE")"

echo "consumer test: meridian@$VERSION, @pulumi/pulumi peer range $RANGE"
step "npm pack (builds dist/)"
cd "$ROOT" || fail "cd $ROOT"
run npm pack --pack-destination "$WORK"
TARBALL="$WORK/meridian-$VERSION.tgz"
[ -f "$TARBALL" ] || fail "no $TARBALL"

step "the tarball holds the package and nothing else"
tar tzf "$TARBALL" >"$WORK/files.txt"
for need in package/LICENSE package/README.md package/CHANGELOG.md package/dist/index.js package/dist/index.d.ts \
  package/dist/testing/index.js package/dist/policy/index.js package/dist/cli/main.js package/dist/bundling/adapters/aws.ts; do
  grep -qx "$need" "$WORK/files.txt" || fail "$need is missing from the tarball"
done
if grep -E '^package/(test|bench|stacks|examples|lib|scripts|policy|\.github|\.ci)/' "$WORK/files.txt" >"$LOG"; then
  fail "the tarball ships files outside the whitelist"
fi

consumer() {
  local pulumi_version="$1"
  local app="$WORK/app-$pulumi_version"
  echo "consumer test: a fresh project on @pulumi/pulumi@$pulumi_version"
  cp -R "$HERE/project" "$app"
  cp -R "$HERE/js" "$app/js"
  cp -R "$HERE/esm" "$app/esm"
  cd "$app" || fail "cd $app"

  step "npm install the tarball, @pulumi/pulumi@$pulumi_version and the newest @pulumi/aws"
  printf '{ "name": "consumer-app", "version": "1.0.0", "private": true }\n' >package.json
  run npm install --no-audit --no-fund --prefer-offline \
    "$TARBALL" "@pulumi/pulumi@$pulumi_version" "@pulumi/aws@latest" \
    "typescript@^5" "@types/node@^20" "ts-node@^10" "mocha@^11" "@types/mocha@^10"

  step "exactly one @pulumi/pulumi ($pulumi_version), no other cloud's SDK"
  local copies
  copies="$(find node_modules -path '*/@pulumi/pulumi/package.json' | wc -l | tr -d ' ')"
  [ "$copies" = 1 ] || fail "$copies copies of @pulumi/pulumi: $(find node_modules -path '*/@pulumi/pulumi/package.json' | tr '\n' ' ')"
  local installed
  installed="$(node -p 'require("@pulumi/pulumi/package.json").version')"
  if [ "$pulumi_version" != latest ] && [ "$installed" != "$pulumi_version" ]; then
    fail "installed @pulumi/pulumi $installed, wanted $pulumi_version"
  fi
  local others
  others="$(find node_modules -type d \( -path '*/@pulumi/gcp' -o -path '*/@pulumi/azure-native' -o -path '*/@pulumi/cloudflare' -o -path '*/@pulumi/policy' \) | tr '\n' ' ')"
  [ -z "$others" ] || fail "SDKs an AWS-only app does not need were installed: $others"
  echo "    @pulumi/pulumi $installed, @pulumi/aws $(node -p 'require("@pulumi/aws/package.json").version')"

  step "tsc --noEmit (the pulumi new aws-typescript tsconfig)"
  run npx --no-install tsc --noEmit -p .

  step "npx meridian --version, --help"
  run npx --no-install meridian --version
  grep -qx "$VERSION" "$LOG" || fail "--version printed $(cat "$LOG"), wanted $VERSION"
  for command in plan dev graph policy; do
    run npx --no-install meridian "$command" --help
    grep -q "Usage: meridian $command" "$LOG" || fail "meridian $command --help printed no usage"
  done

  step "npx meridian plan --stack dev (TypeScript program)"
  run npx --no-install meridian plan --stack dev --json plan.json
  grep -q '^consumer-app/dev: [0-9]* resources' "$LOG" || fail "no plan tree in the output"
  grep -q 'aws:lambda/function:Function' "$LOG" || fail "the plan has no Lambda function"
  node -e 'const p = require("./plan.json"); if (p.project !== "consumer-app" || !p.resources.length) process.exit(1)' \
    || fail "plan.json is not the project's plan"
  [ -d node_modules/.cache/meridian/artifacts ] || fail "no function archives under node_modules/.cache/meridian"
  [ ! -e .meridian ] || fail "a .meridian folder was written into the project"

  step "npx meridian plan from a subfolder, and its exit codes"
  (cd handlers && npx --no-install meridian plan --stack dev --quiet) >"$LOG" 2>&1 || fail "plan from a subfolder failed"
  npx --no-install meridian plan --stack nope >"$LOG" 2>&1
  [ $? = 2 ] || fail "an unknown stack should exit 2"
  grep -q '^error: unknown stack "nope"' "$LOG" || fail "no one-line error for an unknown stack"

  step "npx meridian policy --stack dev"
  npx --no-install meridian policy --stack dev >"$LOG" 2>&1
  local code=$?
  [ $code = 0 ] || [ $code = 1 ] || fail "meridian policy exited $code"
  grep -Eq 'policies over [0-9]+ resources' "$LOG" || fail "meridian policy printed no summary"

  step "mocha test of the project against meridian/testing"
  run npx --no-install mocha -r ts-node/register/transpile-only 'test/**/*.spec.ts'

  step "plain JavaScript: require(\"meridian\") and record a plan"
  run node js/record.js
  grep -q 'from JavaScript' "$LOG" || fail "js/record.js printed no summary"
  run npx --no-install meridian plan --stack dev --root js
  grep -q '^consumer-js/dev: [0-9]* resources' "$LOG" || fail "no plan of the JavaScript program"

  step "an ES module program (\"type\": \"module\", named imports) under npx meridian plan"
  run npx --no-install meridian plan --stack dev --root esm
  grep -q '^consumer-esm/dev: [0-9]* resources' "$LOG" || fail "no plan of the ES module program"

  step "internals are not importable"
  if node -e 'require("meridian/dist/core/errors")' >"$LOG" 2>&1; then fail "meridian/dist/core/errors is importable"; fi
  grep -q ERR_PACKAGE_PATH_NOT_EXPORTED "$LOG" || fail "importing an internal failed for another reason"

  cd "$WORK" || fail "cd $WORK"
  rm -rf "$app"
}

consumer latest
consumer "$LOWEST"
echo "consumer test: PASS (meridian@$VERSION on @pulumi/pulumi latest and $LOWEST)"

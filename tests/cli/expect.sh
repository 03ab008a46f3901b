# Shared by the mwctl test scripts (sourced): counted expectations that report
# and go on, a JSON field reader, and the closing summary.
checks=0
failures=0

expect() {  # expect DESCRIPTION COMMAND...: the command must succeed
    checks=$((checks + 1))
    if ! "${@:2}"; then failures=$((failures + 1)); echo "FAILED: $1" >&2; fi
}

json_field() {  # json_field JSON PYTHON-EXPRESSION-ON-d
    /usr/bin/python3 -c "import json,sys; d=json.loads(sys.argv[1]); print($2)" "$1"
}

finish() {  # prints the counts; the script's status is 0 only without failures
    echo "$checks checks, $failures failures"
    [[ "$failures" -eq 0 ]]
}

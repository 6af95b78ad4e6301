# fedcheck-lib.sh - reading ucmig-fedcheck's --format json in the tests
# (t7000, t7010); sourced after test-lib.sh.
#
#   verdicts [PREFIX...]     "VERDICT check subject" for each finding of the
#                            JSON on stdin whose check starts with a PREFIX
#                            (every finding without one)
#   evidence CHECK SUBJECT   the evidence of that finding

verdicts() {
	python3 -c '
import json, sys
for f in json.load(sys.stdin):
    if len(sys.argv) == 1 or any(f["check"].startswith(p) for p in sys.argv[1:]):
        print(f["verdict"], f["check"], f["subject"])' "$@"
}

evidence() {
	python3 -c '
import json, sys
for f in json.load(sys.stdin):
    if f["check"] == sys.argv[1] and f["subject"] == sys.argv[2]:
        print(f["evidence"])' "$@"
}

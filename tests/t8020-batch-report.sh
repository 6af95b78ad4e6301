#!/bin/sh
# ucmig-batch report: the page rendered by a real browser (Debian's
# chromium-headless-shell) from a batch run over real servers. It loads
# nothing from anywhere (checked by the browser's own record of what it
# fetched, with every outside name and proxy refused), every user of the
# batch is in its rendered text, the funnel has one drawn bar a phase,
# and it prints to PDF; the screenshot is kept for a person to look at.
. "$(dirname "$0")/test-lib.sh"
. "$TEST_DIRECTORY/servers/slapd.sh"
. "$TEST_DIRECTORY/servers/tds.sh"
. "$TEST_DIRECTORY/servers/ejabberd.sh"
. "$TEST_DIRECTORY/lib-batch.sh"

BROWSER=$(command -v chromium-headless-shell || command -v /usr/lib/chromium/chrome-headless-shell || true)

# The browser with nothing outside 127.0.0.1 reachable: every name
# resolves to nothing and every proxied request is refused.
browse() {
	"$BROWSER" --headless --no-sandbox --disable-gpu --no-first-run --disable-extensions \
		--allow-file-access-from-files --proxy-server=127.0.0.1:9 \
		--host-resolver-rules="MAP * ~NOTFOUND" --user-data-dir="$TRASH/chrome" \
		--virtual-time-budget=5000 "$@" 2>>browser.err
}

test_setup 'a batch run over the servers, and its report' '
	test -n "$BROWSER" && batch_servers_start && batch_make b1 &&
	{ ucmig-batch run b1 >run.out 2>run.err; test $? = 1; } &&
	ucmig-batch report b1 >out && grep -Fx "b1/report.html" out
'

test_expect_success 'the page names no outside resource: no src, href, url() or import' '
	test "$(stat -c %a b1/report.html)" = 600 &&
	! grep -Ei "src=|href=|url\(|@import|<script|<link|<img|<iframe" b1/report.html &&
	grep -F "<svg class=\"funnel\"" b1/report.html
'

# A page of the test's own, next to the report, reads what the browser
# rendered: the report's text as a person sees it (innerText), the
# resources the report fetched, and the funnel's bars as drawn.
test_expect_success 'rendered in the browser: every user in its text, nothing fetched, a bar a phase drawn' '
	cat >probe.html <<-\EOF &&
	<!DOCTYPE html><html><body><pre id="out"></pre>
	<iframe id="r" src="b1/report.html" style="width:1200px;height:900px"></iframe>
	<script>
	document.getElementById("r").onload = function () {
		var d = this.contentDocument, w = this.contentWindow, lines = [];
		lines.push("TEXT " + d.body.innerText.replace(/\s+/g, " "));
		lines.push("FETCHED " + w.performance.getEntriesByType("resource").length);
		var bars = d.querySelectorAll("svg.funnel rect.bar"), drawn = 0;
		for (var i = 0; i < bars.length; i++) if (bars[i].getBBox().width > 0) drawn++;
		lines.push("BARS " + bars.length + " DRAWN " + drawn);
		lines.push("SPANS " + d.querySelectorAll("svg.timeline rect.span").length);
		document.getElementById("out").textContent = "\n" + lines.join("\n") + "\n";
	};
	</script></body></html>
	EOF
	browse --dump-dom "file://$TRASH/probe.html" >dom &&
	grep "^FETCHED 0$" dom &&
	grep "^BARS 7 DRAWN 7$" dom &&
	grep "^SPANS 8$" dom &&
	for u in $(cat b1/users.txt); do grep "^TEXT .*$u" dom >/dev/null || { echo "$u not rendered"; exit 1; }; done &&
	grep "^TEXT .*Verdict: done, some users stopped. 2 of 7 users through every phase, 5 stopped" dom &&
	grep "^TEXT .*sip:hank@example.com .*stopped at delete: no-backup" dom
'

test_expect_success 'a screenshot and an A4 PDF, as a person and a printer get it' '
	browse --window-size=1200,2400 --screenshot="$TRASH/report.png" "file://$TRASH/b1/report.html" &&
	test "$(head -c 8 report.png | od -An -c | tr -d " ")" = "211PNG\r\n032\n" &&
	test "$(stat -c %s report.png)" -gt 20000 &&
	browse --no-pdf-header-footer --print-to-pdf="$TRASH/report.pdf" "file://$TRASH/b1/report.html" &&
	test "$(head -c 5 report.pdf)" = "%PDF-" &&
	pages=$(grep -ao "/Count [0-9]*" report.pdf | head -n 1 | cut -d" " -f2) &&
	test "$pages" -ge 1 && test "$pages" -le 6 &&
	grep -aq "/MediaBox \[0 0 594\.9[0-9]* 841\.9[0-9]*\]" report.pdf &&
	mkdir -p "$TEST_DIRECTORY/../build/report-shots" && cp report.png report.pdf "$TEST_DIRECTORY/../build/report-shots/"
'

test_expect_success 'report.json says what the page says' '
	grep -F "\"verdict\": \"done, some users stopped\"" b1/report.json &&
	grep -F "\"users-total\": 7, \"through\": 2, \"stopped\": 5, \"pending\": 0" b1/report.json &&
	grep -F "{ \"user\": \"sip:ivy@example.com\", \"standing\": \"stopped\", \"phase\": \"import\", \"result\": \"no-account\"" b1/report.json &&
	test "$(grep -c "\"command\": \"UCMIG_CONF=batch.conf ucmig-" b1/report.json)" = 6
'
test_done

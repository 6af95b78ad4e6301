# kamailio.sh - kamailio 5.6 as the federation peer of the fedcheck
# tests: SIP over TLS on several loopback addresses, each with its own
# certificate (a TLS profile per listening socket), answering OPTIONS with
# 200 OK and anything else with 403. Started by a test as a direct child
# (-DD: no daemon, its workers are its children), stopped by its PID. See
# ../shared/TEST-SERVERS.md section 6.
#
#   kamailio_start DIR SOCKETS  SOCKETS: a file of "ADDRESS:PORT CERT KEY"
#                               lines (tls); "ADDRESS:PORT tcp" for plain TCP
#   kamailio_stop [DIR]
#
# After kamailio_start: KAM_PID, KAM_DIR.
#
# One TCP worker: kamailio 5.6's tls module keeps OpenSSL 3's memory in
# shared memory, and two workers handshaking at once corrupt it
# ("qm_free(): BUG: freeing already freed pointer ... tls_init.c", then a
# crash: kamailio issues 3205, 3635, 4055; the tls_threads_mode fix came
# after 5.6). One worker takes the tests' connections one at a time.
. "${TEST_DIRECTORY:-.}/servers/stop.sh"

KAM_MODULES=/usr/lib/x86_64-linux-gnu/kamailio/modules
[ -d "$KAM_MODULES" ] || KAM_MODULES=$(dirname "$(find /usr/lib -name tls.so -path '*kamailio*' 2>/dev/null | head -1)")

_kam_config() {
	echo '#!KAMAILIO'
	cat <<CFG
debug=2
log_stderror=yes
fork=yes
children=1
tcp_children=1
auto_aliases=no
enable_tls=yes
mpath="$KAM_MODULES/"
CFG
	while read -r _kam_sock _kam_crt _kam_key; do
		[ -n "$_kam_sock" ] || continue
		if [ "$_kam_crt" = tcp ]; then
			echo "listen=tcp:$_kam_sock"
		else
			echo "listen=tls:$_kam_sock"
		fi
	done <"$1"
	cat <<CFG
loadmodule "tls.so"
loadmodule "sl.so"
loadmodule "pv.so"
modparam("tls", "config", "$KAM_DIR/tls.cfg")
modparam("tls", "tls_method", "TLSv1.2+")
request_route {
    if (\$rm == "OPTIONS") { sl_send_reply("200", "OK"); exit; }
    sl_send_reply("403", "Forbidden");
}
CFG
}

# One [server:ADDRESS:PORT] profile a socket; the first certificate is
# also the default profile's (kamailio wants one).
_kam_tls() {
	_kam_first=
	while read -r _kam_sock _kam_crt _kam_key; do
		[ -n "$_kam_sock" ] && [ "$_kam_crt" != tcp ] || continue
		if [ -z "$_kam_first" ]; then
			_kam_first=1
			printf '[server:default]\nmethod = TLSv1.2+\nverify_certificate = no\nrequire_certificate = no\nprivate_key = %s\ncertificate = %s\n\n' \
				"$_kam_key" "$_kam_crt"
		fi
		printf '[server:%s]\nmethod = TLSv1.2+\nverify_certificate = no\nrequire_certificate = no\nprivate_key = %s\ncertificate = %s\n\n' \
			"$_kam_sock" "$_kam_key" "$_kam_crt"
	done <"$1"
	printf '[client:default]\nmethod = TLSv1.2+\nverify_certificate = no\nrequire_certificate = no\n'
}

# Ready when every socket accepts a connection.
_kam_ready() {
	while read -r _kam_sock _kam_crt _kam_key; do
		[ -n "$_kam_sock" ] || continue
		python3 -c 'import socket,sys; h,p=sys.argv[1].rsplit(":",1); socket.create_connection((h,int(p)),1).close()' \
			"$_kam_sock" 2>/dev/null || return 1
	done <"$1"
}

kamailio_start() {
	KAM_DIR=$1
	mkdir -p "$KAM_DIR/run" || return 1
	_kam_config "$2" >"$KAM_DIR/kamailio.cfg" && _kam_tls "$2" >"$KAM_DIR/tls.cfg" || return 1
	kamailio -c -f "$KAM_DIR/kamailio.cfg" >"$KAM_DIR/check" 2>&1 || { cat "$KAM_DIR/check" >&2; return 1; }
	kamailio -DD -E -m 32 -M 4 -f "$KAM_DIR/kamailio.cfg" -P "$KAM_DIR/run/kamailio.pid" \
		-Y "$KAM_DIR/run" >"$KAM_DIR/out" 2>"$KAM_DIR/err" &
	KAM_PID=$!
	echo "$KAM_PID" >"$KAM_DIR/harness.pid"
	_kam_n=0
	while [ $_kam_n -lt 100 ]; do
		server_alive "$KAM_PID" || break
		_kam_ready "$2" && return 0
		sleep 0.05
		_kam_n=$((_kam_n + 1))
	done
	tail -20 "$KAM_DIR/err" >&2
	server_stop "$KAM_DIR" "$KAM_PID"
	return 1
}

kamailio_stop() {
	server_stop "${1:-${KAM_DIR:-/nonexistent}}" "${KAM_PID:-}"
}

# lib-delete.sh - two TDS endpoints as a pool's two databases (back end
# and one front end) for the delete tests that kill and resume a run
# (after servers/tds.sh). Sourced; registers stop_all to run at the end.
#
#   stop_all           stop both endpoints
#   topology_ports     BE_PORT and FE_PORT from topology.ini: a file, so
#                      what one test moved the next sees (tests run in
#                      subshells; variables they set do not stay)
#   write_topology     topology.ini from BE_PORT and FE_PORT
#   fresh_databases    both afresh from data.sql, with empty logs, on the
#                      ports they had if free: a test running in parallel
#                      may have taken one (tds_start then moves on), so
#                      the topology follows the ports they got
#   done_records FILE  "done" records of a delete journal (0 before it exists)
#   count DIR SQL      the first column of SQL's first row in DIR's database

stop_all() {
	TDS_DIR=$TRASH/be; tds_stop
	TDS_DIR=$TRASH/fe; tds_stop
}
test_on_exit stop_all

topology_ports() {
	BE_PORT=$(awk '/^port/ { print $3; exit }' topology.ini)
	FE_PORT=$(awk '/^port/ { n++ } n == 2 { print $3; exit }' topology.ini)
}

write_topology() {
	printf "[backend]\nhost = 127.0.0.1\nport = %s\n[fe1]\nhost = 127.0.0.1\nport = %s\n" "$BE_PORT" "$FE_PORT" >topology.ini
}

fresh_databases() {
	topology_ports
	stop_all
	rm -f "$TRASH/be/endpoint.log" "$TRASH/fe/endpoint.log"
	TDS_PORT=$BE_PORT && tds_start "$TRASH/be" --data data.sql && BE_PORT=$TDS_PORT &&
	TDS_PORT=$FE_PORT && tds_start "$TRASH/fe" --data data.sql && FE_PORT=$TDS_PORT &&
	write_topology
}

done_records() {
	awk '/^done/ { n++ } END { print n + 0 }' "$1" 2>/dev/null || echo 0
}

count() {
	/usr/bin/python3 -c "import sqlite3, sys; print(sqlite3.connect(sys.argv[1]).execute(sys.argv[2]).fetchone()[0])" "$1/rtc.db" "$2"
}

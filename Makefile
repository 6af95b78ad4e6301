# ucmig - one plain GNU make for the whole suite.
#
#   make            build the tools into build/
#   make check      install missing Debian packages, build, run every test
#   make demo       install missing packages, build, run a real migration demo
#   make bench      side-by-side benchmarks (bench/README.md)
#   make install    PREFIX=/usr/local DESTDIR=  binaries, man pages, bash completion
#   make clean
#
# SANITIZE=1 builds with ASan and UBSan; VALGRIND=1 runs the shell tests'
# tool invocations under valgrind. TEST_JOBS=N runs N test files at once
# (default 4: most of a test's time is spent waiting on its servers).

# The version has one home, debian/changelog: the package's and the tools'.
VERSION  := $(shell head -n 1 debian/changelog | cut -d ' ' -f 2 | tr -d '()')
PREFIX   ?= /usr/local
BINDIR    = $(PREFIX)/bin
MANDIR    = $(PREFIX)/share/man
B         = build
# V=1 shows the full compiler command lines.
Q         = $(if $(V),,@)

# Debian packages: build and library dependencies, then what tests and the
# demo run (prove comes with perl, mandoc lints the man pages, zip builds
# the example archives, chromium-headless-shell renders the batch report).
DEBIAN_PACKAGES = gcc make pkg-config libc6-dev libcsv-dev libexpat1-dev \
		  libzip-dev libldap-dev perl mandoc zip unzip \
		  slapd ldap-utils openssl freetds-dev freetds-bin python3 \
		  libcurl4-openssl-dev curl ejabberd libssl-dev unbound kamailio \
		  kamailio-tls-modules chromium-headless-shell

CC       ?= cc
CFLAGS   ?= -O2 -g
WARN      = -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wmissing-prototypes \
	    -Wformat=2 -Wno-format-nonliteral
CPPFLAGS += -D_GNU_SOURCE -DUCMIG_VERSION='"$(VERSION)"' -Icommon
ifeq ($(SANITIZE),1)
CFLAGS   += -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all
LDFLAGS  += -fsanitize=address,undefined
endif

# common/ is split by outside dependency, one archive a part, so that a
# tool links only the libraries it uses and the folder names are the
# dependency graph (HACKING.md; tools/check-layers.sh enforces it):
#   base      libc, libcsv       messages, text/CSV in and out, files,
#                                command line, journal, report, run wrap-up
#   domain    base               SIP URIs, DNs, BAT rows, user lists, contact lists
#   ldap      base domain; libldap   LDAP session, AD users, modify window
#   mssql     base domain; FreeTDS   SQL Server session, SQL profiles, schema
#   userdata  base domain; expat, libzip   Export-CsUserData and dbimpexp
#   http      base; libcurl      many JSON POSTs to an admin API (multi, retries)
#   net       base; libresolv    DNS questions to a chosen server, TCP under a deadline
#   tls       base net; OpenSSL  TLS streams for probes, what a peer's certificate says
PARTS          = base domain ldap mssql userdata http net tls
LIBS_base      = -lcsv
LIBS_domain    =
LIBS_ldap      = -lldap -llber
LIBS_mssql     = -lsybdb
LIBS_http      = $(shell pkg-config --libs libcurl 2>/dev/null || echo -lcurl)
LIBS_net       = -lresolv
LIBS_tls       = $(shell pkg-config --libs openssl 2>/dev/null || echo -lssl -lcrypto)
LIBS_userdata  = $(shell pkg-config --libs expat libzip 2>/dev/null)
CFLAGS_userdata = $(shell pkg-config --cflags expat libzip 2>/dev/null)

# Each tool names the parts it uses, most dependent first (link order).
PARTS_export   = userdata mssql domain base
PARTS_disable  = ldap domain base
PARTS_delete   = userdata mssql ldap domain base
PARTS_import   = http domain base
PARTS_rename   = ldap http domain base
PARTS_fedcheck = tls net domain base
PARTS_batch    = domain base
LIBS_fedcheck  = -pthread
LIBS_import    = -pthread

ALL_CFLAGS = -std=c11 $(WARN) $(CFLAGS)

part_lib  = $(B)/libucmig-$(1).a
part_libs = $(foreach p,$(1),$(call part_lib,$(p)))
part_ldlibs = $(foreach p,$(1),$(LIBS_$(p)))

TOOLS      = export disable delete import rename fedcheck batch
TOOL_BINS  = $(TOOLS:%=$(B)/ucmig-%)
# Bash completion, made from each tool's option table (tools/gen-completion.sh).
COMPLETIONS = $(TOOLS:%=$(B)/completion/ucmig-%)
COMPLETIONDIR = $(PREFIX)/share/bash-completion/completions
DATADIR    = $(PREFIX)/share/ucmig

UNIT_SRC   = $(wildcard tests/unit/test-*.c)
UNIT_BINS  = $(UNIT_SRC:tests/unit/%.c=$(B)/tests/%)
# Unit tests link every part (they test all of common/).
UNIT_PARTS = userdata mssql ldap http tls net domain base

# Fuzz targets (fuzz/fuzz-NAME.c): make check replays each over its kept
# inputs (fuzz/corpus/NAME/); make fuzz runs each under libFuzzer.
FUZZ_NAMES = $(patsubst fuzz/fuzz-%.c,%,$(wildcard fuzz/fuzz-*.c))
FUZZ_REPLAY = $(FUZZ_NAMES:%=$(B)/fuzz/replay-%)
FUZZ_SECONDS ?= 60
FUZZ_PACKAGES = clang

MANPAGES   = $(wildcard man/*.[157])
TEST_JOBS ?= 4
# Each object's headers, as the compiler found them (-MMD writes a .d
# beside it): touching strbuf.h rebuilds what includes it, not all.
DEPFLAGS   = -MMD -MP

.PHONY: all deps check unit-build demo bench install clean lint-man fuzz list-tools deb deb-build check-deb
.SUFFIXES:
.SECONDARY:

all: $(TOOL_BINS) $(COMPLETIONS)

$(B)/completion/ucmig-%: $(B)/ucmig-% tools/gen-completion.sh
	@mkdir -p $(dir $@)
	@echo "  GEN   $@"
	$(Q)sh tools/gen-completion.sh $< >$@.tmp && mv $@.tmp $@

deps:
	@sh tools/deps.sh $(DEBIAN_PACKAGES)

# The tools' names, for the tests that go over every tool (test-lib's suite_tools).
list-tools:
	@echo $(TOOLS:%=ucmig-%)

$(B)/%.o: %.c
	@mkdir -p $(dir $@)
	@echo "  CC    $<"
	$(Q)$(CC) $(CPPFLAGS) $(ALL_CFLAGS) $(CFLAGS_userdata) $(DEPFLAGS) -c -o $@ $<

-include $(shell find $(B) -name '*.d' 2>/dev/null)

define part_rule
$(call part_lib,$(1)): $(patsubst %.c,$(B)/%.o,$(wildcard common/$(1)/*.c))
	@rm -f $$@
	@echo "  AR    $$@"
	$(Q)ar rcs $$@ $$^
endef
$(foreach p,$(PARTS),$(eval $(call part_rule,$(p))))

# A tool's SQL profiles (TOOL/profiles/*.profile) are data files compiled
# into it as the table builtin_profiles.
define profiles_rule
$(1)_EXTRA = $(B)/$(1)/profiles_builtin.o
$(B)/$(1)/profiles_builtin.c: $(wildcard $(1)/profiles/*.profile) tools/embed-text.sh
	@mkdir -p $$(dir $$@)
	@echo "  GEN   $$@"
	$(Q)sh tools/embed-text.sh builtin_profiles $(wildcard $(1)/profiles/*.profile) >$$@
$(B)/$(1)/profiles_builtin.o: $(B)/$(1)/profiles_builtin.c common/base/embedded_text.h
	@echo "  CC    $$<"
	$(Q)$(CC) $(CPPFLAGS) $(ALL_CFLAGS) $(DEPFLAGS) -c -o $$@ $$<
endef
$(foreach t,export delete,$(eval $(call profiles_rule,$(t))))

# ucmig-batch's templates (batch/templates/*.in: the batch.conf that
# init writes), compiled in the same way as the table batch_templates.
batch_EXTRA = $(B)/batch/templates_builtin.o
$(B)/batch/templates_builtin.c: $(wildcard batch/templates/*.in) tools/embed-text.sh
	@mkdir -p $(dir $@)
	@echo "  GEN   $@"
	$(Q)sh tools/embed-text.sh batch_templates $(wildcard batch/templates/*.in) >$@
$(B)/batch/templates_builtin.o: $(B)/batch/templates_builtin.c common/base/embedded_text.h
	@echo "  CC    $<"
	$(Q)$(CC) $(CPPFLAGS) $(ALL_CFLAGS) $(DEPFLAGS) -c -o $@ $<

# Each tool is its directory's .c files linked with libucmig.a.
define tool_rule
$(B)/ucmig-$(1): $(patsubst %.c,$(B)/%.o,$(wildcard $(1)/*.c)) $($(1)_EXTRA) $(call part_libs,$(PARTS_$(1)))
	@echo "  LINK  $$@"
	$(Q)$(CC) $(LDFLAGS) -o $$@ $$^ $(call part_ldlibs,$(PARTS_$(1))) $(LIBS_$(1))
endef
$(foreach t,$(TOOLS),$(eval $(call tool_rule,$(t))))

$(B)/tests/test-%: $(B)/tests/unit/test-%.o $(B)/tests/unit/tap.o $(call part_libs,$(UNIT_PARTS))
	@mkdir -p $(dir $@)
	@echo "  LINK  $@"
	$(Q)$(CC) $(LDFLAGS) -o $@ $^ $(call part_ldlibs,$(UNIT_PARTS))

# The benchmark's input generator also feeds the scale tests.
$(B)/gen-userdata: bench/gen-userdata.c
	@mkdir -p $(dir $@)
	@echo "  CC    $<"
	$(Q)$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $<

# A target for a tool's own parser links that tool's files it needs.
FUZZ_TOOL_SOURCES_batch-state = batch/state.c batch/batch.c
$(B)/fuzz/fuzz-batch-state.o: CPPFLAGS += -Ibatch
$(B)/fuzz/replay-batch-state: $(patsubst %.c,$(B)/%.o,$(FUZZ_TOOL_SOURCES_batch-state))

$(B)/fuzz/replay-%: $(B)/fuzz/fuzz-%.o $(B)/fuzz/fuzz_support.o $(B)/fuzz/replay.o $(call part_libs,$(UNIT_PARTS))
	@mkdir -p $(dir $@)
	@echo "  LINK  $@"
	$(Q)$(CC) $(LDFLAGS) -o $@ $(filter %.o,$^) $(filter %.a,$^) $(call part_ldlibs,$(UNIT_PARTS))

# The latency link the tests and benchmarks put between client and server.
$(B)/latency-link: tests/servers/latency-link.c
	@mkdir -p $(dir $@)
	@echo "  CC    $<"
	$(Q)$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $<

# Requests sent the tools' way, for tests of the TDS endpoint's own rules.
$(B)/tds-query: $(B)/tests/servers/tds-query.o $(call part_libs,mssql base)
	@echo "  LINK  $@"
	$(Q)$(CC) $(LDFLAGS) -o $@ $^ $(call part_ldlibs,mssql base)

unit-build: $(UNIT_BINS) $(B)/gen-userdata $(B)/latency-link $(B)/tds-query $(FUZZ_REPLAY)

check: deps
	$(MAKE) all unit-build
	$(MAKE) lint-man
	sh tools/check-layers.sh
	cd tests && prove --exec /bin/sh -j$(TEST_JOBS) $(PROVE_FLAGS) t[0-9]*.sh

lint-man:
	mandoc -Tlint -Wwarning $(MANPAGES)

demo: deps
	$(MAKE) all
	sh examples/demo.sh

# libFuzzer with ASan and UBSan, each target for FUZZ_SECONDS; new inputs
# go to build/fuzz/work-NAME, a crash's input to fuzz/corpus/NAME/ (keep
# it: make check replays it from then on).
FUZZ_CFLAGS = -g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined \
	      $(CPPFLAGS) -Ifuzz $(CFLAGS_userdata)
fuzz: deps
	@sh tools/deps.sh $(FUZZ_PACKAGES)
	@mkdir -p $(B)/fuzz
	@set -e; for t in $(FUZZ_NAMES); do \
		echo "  FUZZ  $$t ($(FUZZ_SECONDS) s)"; \
		extra=; [ $$t != batch-state ] || extra="-Ibatch $(FUZZ_TOOL_SOURCES_batch-state)"; \
		clang $(FUZZ_CFLAGS) -o $(B)/fuzz/fuzz-$$t fuzz/fuzz-$$t.c fuzz/fuzz_support.c $$extra \
			$(foreach p,$(UNIT_PARTS),$(wildcard common/$(p)/*.c)) \
			$(call part_ldlibs,$(UNIT_PARTS)); \
		mkdir -p $(B)/fuzz/work-$$t; \
		$(B)/fuzz/fuzz-$$t -max_total_time=$(FUZZ_SECONDS) -timeout=10 -rss_limit_mb=2048 \
			-artifact_prefix=fuzz/corpus/$$t/crash- \
			$(B)/fuzz/work-$$t fuzz/corpus/$$t 2>$(B)/fuzz/$$t.log || \
			{ tail -40 $(B)/fuzz/$$t.log; exit 1; }; \
		grep -E "^(Done|#[0-9]+ *DONE)" $(B)/fuzz/$$t.log | tail -1; \
	done

# The Debian package, built with dpkg-buildpackage from a copy of the
# tracked files as they are in the work tree (build/deb/ucmig-VERSION),
# then held to lintian with no error or warning.
DEB_PACKAGES = debhelper dpkg-dev fakeroot lintian pkgconf
DEB_DIR = $(B)/deb
deb: deb-build
	lintian --fail-on error,warning $(DEB_DIR)/ucmig_$(VERSION)_*.changes

deb-build:
	@sh tools/deps.sh $(DEBIAN_PACKAGES) $(DEB_PACKAGES)
	rm -rf $(DEB_DIR) && mkdir -p $(DEB_DIR)/ucmig-$(VERSION)
	git ls-files -z | xargs -0 tar cf - | tar xf - -C $(DEB_DIR)/ucmig-$(VERSION)
	cd $(DEB_DIR)/ucmig-$(VERSION) && dpkg-buildpackage -us -uc -b

# The package installed on this machine (as root): its autopkgtest, then
# the whole suite against /usr/bin instead of build/, then purged, and
# nothing of it may be left on disk. First it is built a second time, in
# another directory and some seconds later, and must be the same bytes:
# no build path or time gets into it (dh takes the dates from
# debian/changelog, dpkg-buildflags maps the build path away).
check-deb: deb
	@sh tools/deps.sh autopkgtest
	$(MAKE) --no-print-directory deb-build DEB_DIR=$(B)/deb-again/elsewhere
	cmp $(DEB_DIR)/ucmig_$(VERSION)_*.deb $(B)/deb-again/elsewhere/ucmig_$(VERSION)_*.deb
	cmp $(DEB_DIR)/ucmig-dbgsym_$(VERSION)_*.deb $(B)/deb-again/elsewhere/ucmig-dbgsym_$(VERSION)_*.deb
	@echo "reproducible: the package and its debug symbols built twice are the same bytes"
	$(MAKE) unit-build
	sh tools/check-deb.sh $(DEB_DIR) $(VERSION)

# GNU time measures peak RSS for the benchmarks.
BENCH_PACKAGES = time bc miller

bench: deps
	@sh tools/deps.sh $(BENCH_PACKAGES)
	$(MAKE) all
	sh bench/run.sh

install: all
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(MANDIR)/man5 \
		$(DESTDIR)$(MANDIR)/man7
	install -m 755 $(TOOL_BINS) $(DESTDIR)$(BINDIR)/
	install -m 644 man/*.1 $(DESTDIR)$(MANDIR)/man1/
	install -m 644 man/*.5 $(DESTDIR)$(MANDIR)/man5/
	install -m 644 man/*.7 $(DESTDIR)$(MANDIR)/man7/
	install -d $(DESTDIR)$(COMPLETIONDIR)
	install -m 644 $(COMPLETIONS) $(DESTDIR)$(COMPLETIONDIR)/
	install -d $(DESTDIR)$(DATADIR)/profiles/export $(DESTDIR)$(DATADIR)/profiles/delete
	install -m 644 export/profiles/*.profile $(DESTDIR)$(DATADIR)/profiles/export/
	install -m 644 delete/profiles/*.profile $(DESTDIR)$(DATADIR)/profiles/delete/

clean:
	rm -rf $(B) tests/trash.*

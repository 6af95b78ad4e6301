#!/bin/sh
# Bash completion, generated from each tool's option table: it offers
# exactly the options --help shows (old spellings left out), a choice's
# words after a choice, directories after a DIR, files after a FILE, and
# nothing invented after a number. Run in bash as bash runs it.
. "$(dirname "$0")/test-lib.sh"

COMPLETION=$COMPLETION_DIR

# complete TOOL WORD...: what bash's completion offers for the last word.
complete_words() {
	_tool=$1
	shift
	bash -c '
		. "$1"; shift
		COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1))
		func=$(complete -p "$1" | sed "s/.*-F \([^ ]*\) .*/\1/")
		"$func"
		[ ${#COMPREPLY[@]} -eq 0 ] || printf "%s\n" "${COMPREPLY[@]}" | sort' sh "$COMPLETION/$_tool" "$_tool" "$@"
}

for tool in $(suite_tools); do
	test_expect_success "$tool: completion offers every option of --help, and no old name" "
		$tool --help | sed -n 's/^ *\(-[A-Za-z], \)\{0,1\}\(--[a-z][a-z-]*\).*/\2/p' | sort -u >want &&
		complete_words $tool -- >got &&
		test_cmp want got
	"
done

test_expect_success 'after a choice, its words; after a partial choice, the one that fits' '
	complete_words ucmig-disable --im-address "" >got &&
	printf "mail\nuserid\n" >want && test_cmp want got &&
	complete_words ucmig-fedcheck --format j >got &&
	echo json >want && test_cmp want got
'

test_expect_success 'after a DIR, directories only; after a FILE, files' '
	mkdir -p plans && : >plain.csv &&
	complete_words ucmig-import --bat p >got &&
	echo plans >want && test_cmp want got &&
	complete_words ucmig-import --rejects p >got &&
	printf "plain.csv\nplans\n" >want && test_cmp want got
'

test_expect_success 'after a number or a URL, nothing is made up' '
	complete_words ucmig-disable --in-flight "" >got && ! test -s got &&
	complete_words ucmig-import --xmpp "" >got && ! test -s got
'

test_expect_success 'a partial option name completes; an old name does not' '
	complete_words ucmig-import --xmpp-pass >got &&
	echo --xmpp-password-file >want && test_cmp want got &&
	complete_words ucmig-disable --win >got && ! test -s got
'

test_done

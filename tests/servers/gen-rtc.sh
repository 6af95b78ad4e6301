#!/bin/sh
# gen-rtc.sh - SQL (SQLite) that fills the rtc test schema with USERS
# homed users, each with CONTACTS contacts among the others, two groups
# ('~' and a named one), and the contacts at an even distance from their
# owner in both (one in three with 3 contacts): for scale tests
# and benchmarks, without a bulky fixture file.
#
# usage: gen-rtc.sh USERS CONTACTS > data.sql
set -eu
users=$1
contacts=$2
cat <<SQL
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $users)
INSERT INTO Resource SELECT i, printf('user%05d@example.com', i) FROM n;
INSERT INTO HomedResource SELECT ResourceId FROM Resource;
INSERT INTO ContactGroup SELECT ResourceId, 1, '~', NULL FROM Resource;
INSERT INTO ContactGroup SELECT ResourceId, 2, 'Project Team', NULL FROM Resource;
WITH RECURSIVE k(j) AS (SELECT 1 UNION ALL SELECT j + 1 FROM k WHERE j < $contacts)
INSERT INTO Contact
  SELECT r.ResourceId, ((r.ResourceId - 1 + j) % $users) + 1, printf('User Number %d', ((r.ResourceId - 1 + j) % $users) + 1)
  FROM Resource r, k WHERE j < $users;
INSERT INTO ContactGroupAssoc SELECT OwnerId, BuddyId, 1 FROM Contact;
INSERT INTO ContactGroupAssoc SELECT OwnerId, BuddyId, 2 FROM Contact WHERE (BuddyId - OwnerId + $users) % $users % 2 = 0;
INSERT INTO CertificateStore VALUES (1);
INSERT INTO ForestDirectory VALUES (1);
SQL

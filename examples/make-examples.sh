#!/bin/sh
# make-examples.sh - build the synthetic example inputs from the documented
# structure of Export-CsUserData and dbimpexp output (SPEC.md section 7).
# No Microsoft data is used: every user, name and domain is made up.
#
#   ExportedUserData.zip  Lync 2013+ Export-CsUserData package (OPC ZIP)
#   dbimpexp.xml          Lync 2010 / OCS dbimpexp.exe /hrxmlfile: (UTF-16LE)
#   users.txt             a user list for ucmig-export
#
# The files are committed; run this only to change them. Output is
# reproducible: fixed timestamps, no extra ZIP attributes.
set -eu
cd "$(dirname "$0")"

b64() { printf '%s' "$1" | base64 -w0; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

dl_ext=$(b64 '<groupExtension groupType="dg"><email>sales-team@example.com</email></groupExtension>')
fav_ext=$(b64 '<groupExtension groupType="pinnedGroup"/>')

cat > "$tmp/DocItemSet.xml" <<XML
<?xml version="1.0" encoding="utf-8"?>
<DocItemSet xmlns="urn:schema:Microsoft.Rtc.Management.ScopeFramework.2008" Version="1">
  <DocItem Name="urn:lcd:alice@example.com">
    <Data>
      <HomedResource Identity="alice@example.com">
        <ContactGroups>
          <ContactGroup Number="1" DisplayName="$(b64 '~')" ExternalUri="" />
          <ContactGroup Number="2" DisplayName="$(b64 'Équipe Müller')" ExternalUri="" />
          <ContactGroup Number="3" DisplayName="$(b64 'Sales Team')" ExternalUri="$dl_ext" />
          <ContactGroup Number="4" DisplayName="$(b64 'Favorites')" ExternalUri="$fav_ext" />
        </ContactGroups>
        <Contacts>
          <Contact Buddy="bob@example.com" DisplayName="$(b64 'Bob Builder')" Groups="1 2" />
          <Contact Buddy="alice@example.com" DisplayName="$(b64 'Me, myself')" Groups="1" />
          <Contact Buddy="carol@partner.net" DisplayName="Carol (Partner)" Groups="2" />
          <Contact Buddy="dave@example.com" DisplayName="" Groups="" />
          <Contact Buddy="jose@example.com" DisplayName="$(b64 'José Núñez')" Groups="4" />
          <Contact Buddy="sales-team@example.com" DisplayName="" Groups="3" />
          <Contact Buddy="smith.john@example.com" DisplayName="$(b64 'Smith, John "JJ"')" Groups="1" />
        </Contacts>
        <Containers>
          <Container ContainerNumber="400"><UserMember Member="bob@example.com" /></Container>
          <Container ContainerNumber="32000"><UserMember Member="spam@bad.example.org" /></Container>
        </Containers>
      </HomedResource>
    </Data>
  </DocItem>
  <DocItem Name="urn:lcd:bob@example.com">
    <Data>
      <HomedResource Identity="bob@example.com">
        <ContactGroups>
          <ContactGroup Number="1" DisplayName="$(b64 '~')" ExternalUri="" />
          <ContactGroup Number="2" DisplayName="$(b64 'Projects')" ExternalUri="" />
        </ContactGroups>
        <Contacts>
          <Contact Buddy="alice@example.com" DisplayName="$(b64 'Alice')" Groups="1" />
          <Contact Buddy="erin@example.com" DisplayName="Erin" Groups="2" />
        </Contacts>
      </HomedResource>
    </Data>
  </DocItem>
  <DocItem Name="urn:lcd:erin@example.com">
    <Data>
      <HomedResource Identity="erin@example.com">
        <ContactGroups>
          <ContactGroup Number="1" DisplayName="$(b64 '~')" ExternalUri="" />
        </ContactGroups>
        <Contacts />
      </HomedResource>
    </Data>
  </DocItem>
  <DocItem Name="urn:hcd:conferencing-directory-1">
    <Data />
  </DocItem>
</DocItemSet>
XML

cat > "$tmp/[Content_Types].xml" <<'XML'
<?xml version="1.0" encoding="utf-8"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
  <Default Extension="xml" ContentType="text/xml" />
</Types>
XML
cat > "$tmp/DocProperties.xml" <<'XML'
<?xml version="1.0" encoding="utf-8"?>
<DocProperties Version="1" Source="synthetic example for ucmig" />
XML

touch -d '2024-01-01 00:00:00 UTC' "$tmp"/*.xml
(cd "$tmp" && zip -q -X -D package.zip '[Content_Types].xml' DocItemSet.xml DocProperties.xml)
mv "$tmp/package.zip" ExportedUserData.zip

# dbimpexp.exe writes UTF-16LE with a BOM and plain-text names.
{
	printf '\357\273\277'
	cat <<'XML'
<?xml version="1.0" encoding="utf-16"?>
<HomedResources xmlns="http://schemas.microsoft.com/RtcServer/2002/11/dbimpexp">
  <HomedResource UserAtHost="frank@example.com" ContactGroupsVersion="3" ContactsVersion="4">
    <ContactGroups>
      <ContactGroup Number="1" Name="~" ExternalUri="" />
      <ContactGroup Number="2" Name="Équipe Müller" ExternalUri="" />
      <ContactGroup Number="3" Name="All Sales" ExternalUri="&lt;groupExtension groupType=&quot;dg&quot;&gt;&lt;/groupExtension&gt;" />
    </ContactGroups>
    <Contacts>
      <Contact Buddy="sip:grace@example.com" Name="Grace Hopper" Groups="1 2" Subscribed="true" />
      <Contact Buddy="frank@example.com" Name="Me" Groups="1" Subscribed="true" />
      <Contact Buddy="heidi@fabrikam.com" Name="Heidi, external" Groups="2" Subscribed="true" />
      <Contact Buddy="all-sales@example.com" Name="" Groups="3" Subscribed="false" />
    </Contacts>
  </HomedResource>
  <HomedResource UserAtHost="grace@example.com">
    <ContactGroups>
      <ContactGroup Number="1" Name="~" ExternalUri="" />
    </ContactGroups>
    <Contacts>
      <Contact Buddy="frank@example.com" Name="Frank" Groups="1" Subscribed="true" />
    </Contacts>
  </HomedResource>
</HomedResources>
XML
} | iconv -f UTF-8 -t UTF-16LE > dbimpexp.xml

cat > users.txt <<'TXT'
# Users to move in this batch: one SIP URI per line.
sip:alice@example.com
Bob@Example.com
sip:erin@example.com
sip:nobody@example.com
TXT

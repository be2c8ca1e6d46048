#!/usr/bin/env python3
"""anchor.py EVENT.json: the cold-start anchor of the benchmark. A minimal boto3 script making the same AWS calls as
the product for a Create of one name with WaitForIssuance false: find the hosted zone (most specific name first),
request the certificate, read its validation record, UPSERT it, then PUT SUCCESS to the event's ResponseURL.
No validation, no retries of its own, no logging: the least a script can do for the same work."""
import hashlib
import json
import sys
import urllib.request

import boto3

event = json.load(open(sys.argv[1]))
props = event["ResourceProperties"]
name = props["DomainName"].lower()

route53 = boto3.client("route53")
labels = name.split(".")
zone = None
for i in range(len(labels) - 1):
    candidate = ".".join(labels[i:]) + "."
    found = route53.list_hosted_zones_by_name(DNSName=candidate, MaxItems="100")["HostedZones"]
    zone = next((z for z in found if z["Name"] == candidate and not z["Config"]["PrivateZone"]), None)
    if zone:
        break

acm = boto3.client("acm")
token = hashlib.sha256((event["StackId"] + event["LogicalResourceId"] + event["RequestId"]).encode()).hexdigest()[:32]
arn = acm.request_certificate(
    DomainName=name, ValidationMethod="DNS", KeyAlgorithm="RSA_2048", IdempotencyToken=token,
    Options={"CertificateTransparencyLoggingPreference": "ENABLED", "Export": "DISABLED"},
    Tags=[{"Key": "dns-validated-cert:created-by", "Value": event["StackId"]}])["CertificateArn"]
record = acm.describe_certificate(CertificateArn=arn)["Certificate"]["DomainValidationOptions"][0]["ResourceRecord"]
route53.change_resource_record_sets(HostedZoneId=zone["Id"], ChangeBatch={"Changes": [{"Action": "UPSERT",
    "ResourceRecordSet": {"Name": record["Name"], "Type": "CNAME", "TTL": 300,
                          "ResourceRecords": [{"Value": record["Value"]}]}}]})

body = json.dumps({"Status": "SUCCESS", "PhysicalResourceId": arn, "StackId": event["StackId"],
                   "RequestId": event["RequestId"], "LogicalResourceId": event["LogicalResourceId"],
                   "Data": {"Arn": arn}}).encode()
urllib.request.urlopen(urllib.request.Request(event["ResponseURL"], data=body, method="PUT",
                                              headers={"Content-Type": ""}))

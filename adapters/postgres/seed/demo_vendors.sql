-- The demo customers' links to their customers in the vendor sandbox (cmd/vendor-sandbox, which
-- make run starts): MasStack accounts for 1000001-1000003 in organisation "telco", Aptic for
-- 1000001-1000004, with the ids the sandbox gives them. Run with every demo load: a link that is
-- there (or was changed) is left as it is.
INSERT INTO vendor_link (customer_profile_id, vendor, external_id, org)
SELECT p.id, v.vendor, v.prefix || lpad(p.customer_number::text, 12, '0'), v.org
FROM customer_profile p
JOIN (VALUES ('accounts', 'c0000000-0000-4000-8000-', 'telco', 1000003),
             ('aptic', 'd0000000-0000-4000-8000-', '', 1000004)) AS v (vendor, prefix, org, last_number)
  ON p.customer_number BETWEEN 1000001 AND v.last_number
ON CONFLICT DO NOTHING;

-- The orders of the read-path benchmarks' profiles (workload W4, as bench/seed.sql makes them):
-- profile n has (7 n) mod 9 orders, 0 to 8, with mixed statuses and their history, 1-3 lines of a
-- sellable product each, every other line naming one of the profile's OVpay tokens.
INSERT INTO sales_order (customer_profile_id, sales_touchpoint_id, language_id, order_status_id, valid_contents,
                         created_on, last_updated_on)
SELECT c.id, 1 + (c.customer_number + k) % 4, c.language_id, 1 + (c.customer_number + k) % 6,
       CASE WHEN 1 + (c.customer_number + k) % 6 IN (4, 5) THEN NULL ELSE true END,
       c.created + k * interval '1 day', c.created + k * interval '1 day' + interval '1 hour'
FROM customer_profile c, generate_series(1, (c.customer_number - 2000000) * 7 % 9) k
WHERE c.customer_number > 2000000
ORDER BY c.id, k;

INSERT INTO order_status_history (sales_order_id, order_status_id, description, created_on)
SELECT o.id, s, CASE WHEN s = 1 THEN 'Order is aangemaakt' ELSE 'Status gewijzigd' END,
       o.created_on + CASE WHEN s = 1 THEN interval '0' ELSE interval '1 hour' END
FROM sales_order o, unnest(CASE WHEN o.order_status_id = 1 THEN ARRAY[1] ELSE ARRAY[1, o.order_status_id] END) s
ORDER BY o.id, s;

INSERT INTO order_line (sales_order_id, product_id, product_name, product_description, fiko_article_number,
                        tax_code, tax_percentage, quantity, amount_incl_tax, valid_from, valid_until,
                        order_line_status_id, validation_result, created_on, last_updated_on)
SELECT o.id, p.id, p.name, p.description, p.fiko_article_number, p.tax_code, p.tax_percentage, 1, p.price_incl_tax,
       o.created_on + interval '1 day', o.created_on + interval '1 day' + coalesce(p.duration, interval '1 year'),
       CASE o.order_status_id WHEN 5 THEN 4 WHEN 6 THEN 3 ELSE 1 END,
       CASE WHEN o.order_status_id IN (4, 5) THEN NULL ELSE 'valid' END, o.created_on, o.last_updated_on
FROM sales_order o
CROSS JOIN LATERAL generate_series(1, 1 + o.id % 3) n
JOIN product p ON p.id = (ARRAY[3, 4, 10, 11, 21, 22])[1 + (o.id + n) % 6]
ORDER BY o.id, n;

INSERT INTO customer_token (order_line_id, token_type_id, ovpay_token_id, x_tat, created_on)
SELECT l.id, t.token_type_id, t.id, t.x_tat, l.created_on
FROM order_line l
JOIN sales_order o ON o.id = l.sales_order_id
JOIN customer_profile c ON c.id = o.customer_profile_id
JOIN ovpay_token t ON t.customer_profile_id = c.id
     AND t.x_tat = 'xtat-bench-' || (c.customer_number - 2000000) || '-' || (1 + l.id % 3)
WHERE l.id % 2 = 0
ORDER BY l.id;

UPDATE sales_order o SET total_amount = l.total
FROM (SELECT sales_order_id, sum(amount_incl_tax)::integer AS total FROM order_line GROUP BY sales_order_id) l
WHERE l.sales_order_id = o.id;

-- name: Products :many
-- The product catalogue, every node and leaf of the tree, with whether it is a leaf (sellable).
SELECT p.id, p.parent_id, p.name, p.description, p.fiko_article_number, p.tax_code, p.tax_percentage,
       p.price_incl_tax, p.duration, p.product_category_id, c.name AS product_category_name, p.package_template_id,
       p.is_renewable, p.requires_customer_token, p.requires_valid_from, p.requires_mandate, p.gbo_age_profile_id,
       p.terms_urls,
       NOT EXISTS (SELECT 1 FROM product ch WHERE ch.parent_id = p.id) AS is_sellable
FROM product p
JOIN product_category c ON c.id = p.product_category_id
ORDER BY p.id;

-- name: OrderStatuses :many
SELECT id, name FROM order_status ORDER BY id;

-- name: OrderLineStatuses :many
SELECT id, name FROM order_line_status ORDER BY id;

-- name: SalesTouchpoints :many
SELECT id, name, is_active, retailer_id FROM sales_touchpoint ORDER BY id;

-- name: GboAgeProfiles :many
SELECT id, name, age_from_inclusive, age_to_inclusive FROM gbo_age_profile ORDER BY age_from_inclusive;

-- name: ChallengeTypes :many
SELECT id, name FROM challenge_type ORDER BY id;

-- name: PaymentMethods :many
SELECT id, name, provider FROM payment_method ORDER BY id;

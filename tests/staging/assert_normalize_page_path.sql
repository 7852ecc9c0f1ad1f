-- The macro normalize_page_path against a list of inputs and expected page paths:
-- returns every case where the macro's result differs (a null is compared as a null).
with cases as (
    select * from (
        values
        ('scheme and host removed', 'https://www.example.com/pricing', '/pricing'),
        ('http scheme', 'http://example.com/blog/post-1', '/blog/post-1'),
        ('upper case lowered', 'https://WWW.Example.COM/Pricing/Plans', '/pricing/plans'),
        ('query dropped', 'https://www.example.com/demo?utm_source=google', '/demo'),
        ('fragment dropped', 'https://www.example.com/docs#install', '/docs'),
        ('trailing slash removed', 'https://www.example.com/about/', '/about'),
        ('root stays /', 'https://www.example.com/', '/'),
        ('host only', 'https://www.example.com', '/'),
        ('host only with query', 'https://www.example.com?x=1', '/'),
        ('already a path', '/pricing', '/pricing'),
        ('path without leading slash', 'pricing/enterprise', '/pricing/enterprise'),
        ('relative path with query and slash', '/Pricing/?a=1#x', '/pricing'),
        ('root path', '/', '/'),
        ('surrounding blanks', '  https://example.com/Contact/  ', '/contact'),
        ('several trailing slashes', '/a/b//', '/a/b'),
        ('file download keeps extension', 'https://cdn.example.com/assets/WP-ROI.pdf', '/assets/wp-roi.pdf'),
        ('null stays null', null, null)
    ) as cases (case_name, input_value, expected_path)  -- noqa: AL05
),

normalized as (
    select
        case_name,
        input_value,
        expected_path,
        {{ normalize_page_path('input_value') }} as actual_path
    from cases
)

select *
from normalized
where actual_path != expected_path
    or (actual_path is null and expected_path is not null)
    or (actual_path is not null and expected_path is null)

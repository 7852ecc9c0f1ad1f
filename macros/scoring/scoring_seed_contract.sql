{#- The product contract of the seeds: allowed attributes, activities, operators,
    levels, seniorities and settings. Kinds: 'number' attributes / activity details compare with
    gte, lt and between; 'boolean' ones with is_true and is_false; every kind with the rest.

    The one place these lists live: the seed problems model (int_scoring__seed_problems) checks
    the seeds against it, the accepted_values tests of the activity and interest rule models
    read it, and so do the typed settings. -#}
{% macro scoring_seed_contract() %}
    {{ return({
        'fit_levels': ['organization', 'contact', 'situational'],
        'fit_attributes': {
            'industry': 'text',
            'employee_count': 'number',
            'annual_revenue': 'number',
            'company_country': 'text',
            'country': 'text',
            'job_title': 'text',
            'seniority': 'text',
            'department': 'text',
            'education_level': 'text',
            'email_domain': 'text',
            'is_free_email': 'boolean',
            'lead_source': 'text',
            'email_opt_out': 'boolean',
            'budget_status': 'text',
            'purchase_timeline': 'text',
            'has_existing_solution': 'boolean',
        },
        'interest_activities': {
            'page_view': 'text',
            'link_click': 'text',
            'video_view': 'number',
            'content_download': 'text',
            'newsletter_signup': 'text',
            'contact_request': 'text',
            'demo_request': 'text',
            'event_registration': 'text',
            'event_attendance': 'text',
            'email_open': 'text',
            'email_click': 'text',
            'email_reply': 'text',
            'email_unsubscribe': 'text',
            'email_bounce': 'text',
            'campaign_click': 'text',
        },
        'operators': ['equals', 'not_equals', 'in', 'not_in', 'contains', 'starts_with', 'ends_with',
                      'gte', 'lt', 'between', 'is_null', 'is_not_null', 'is_true', 'is_false'],
        'operators_needing_value': ['equals', 'not_equals', 'in', 'not_in', 'contains', 'starts_with',
                                    'ends_with', 'gte', 'lt', 'between'],
        'list_operators': ['in', 'not_in'],
        'number_operators': ['gte', 'lt', 'between'],
        'boolean_operators': ['is_true', 'is_false'],
        'seniorities': ['c_level', 'vp_director', 'manager', 'individual', 'student'],
        'number_settings': ['mql_threshold', 'sql_threshold', 'fit_weight', 'interest_weight',
                            'fit_high_threshold', 'interest_high_threshold', 'interest_max',
                            'inactivity_days', 'inactivity_points', 'conversion_window_days'],
        'optional_settings': ['interest_max'],
        'text_settings': ['mql_min_grade'],
        'max_list_items': 1000,
    }) }}
{% endmacro %}

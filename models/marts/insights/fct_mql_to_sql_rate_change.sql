{#- One row per month of fct_mql_to_sql_rate_attribution: the blended
    MQL-to-SQL change in points, the channel that drove most of it (the
    largest contribution in the direction of the change), a comparison
    channel (the other channel with MQLs this month and the best MQL-to-SQL
    rate; ties: more MQLs, then channel order), and the sentence

      MQL-to-SQL rate fell 11 points. 74% of the decline is from paid social
      MQLs, where fit scores average 32 versus 61 for organic search MQLs.

    Fit scores in the sentence are on a 0-100 scale (avg_fit_score_pct: the
    fit score as a percent of the most fit points seed scoring_rules can
    award). A change that rounds to 0 points reads "MQL-to-SQL rate held
    steady." -#}
with attribution as (

    select * from {{ ref('fct_mql_to_sql_rate_attribution') }}

),

labelled_attribution as (

    select
        attribution.month,
        attribution.prior_month,
        attribution.channel,
        channels.channel_label,
        channels.channel_order,
        attribution.mqls,
        attribution.mql_to_sql_rate,
        attribution.prior_blended_mql_to_sql_rate,
        attribution.blended_mql_to_sql_rate,
        attribution.blended_rate_change,
        attribution.contribution,
        attribution.share_of_change,
        attribution.avg_fit_score_pct
    from attribution
    inner join {{ ref('dim_channels') }} as channels
        on attribution.channel = channels.channel

),

month_changes as (

    select
        month,
        prior_month,
        max(prior_blended_mql_to_sql_rate) as prior_mql_to_sql_rate,
        max(blended_mql_to_sql_rate) as mql_to_sql_rate,
        max(blended_rate_change) as rate_change,
        sum(contribution) as explained_change
    from labelled_attribution
    group by month, prior_month

),

ranked_drivers as (

    select
        month,
        channel,
        channel_label,
        share_of_change,
        avg_fit_score_pct,
        row_number() over (
            partition by month
            order by
                case when blended_rate_change < 0 then contribution else -1 * contribution end,
                channel_order
        ) as driver_rank
    from labelled_attribution

),

drivers as (

    select
        month,
        channel,
        channel_label,
        share_of_change,
        avg_fit_score_pct
    from ranked_drivers
    where driver_rank = 1

),

ranked_comparisons as (

    select
        labelled_attribution.month,
        labelled_attribution.channel,
        labelled_attribution.channel_label,
        labelled_attribution.avg_fit_score_pct,
        row_number() over (
            partition by labelled_attribution.month
            order by
                labelled_attribution.mql_to_sql_rate desc,
                labelled_attribution.mqls desc,
                labelled_attribution.channel_order asc
        ) as comparison_rank
    from labelled_attribution
    inner join drivers
        on
            labelled_attribution.month = drivers.month
            and labelled_attribution.channel <> drivers.channel
    where labelled_attribution.mqls > 0

),

comparisons as (

    select
        month,
        channel,
        channel_label,
        avg_fit_score_pct
    from ranked_comparisons
    where comparison_rank = 1

),

summaries as (

    select
        month_changes.month,
        month_changes.prior_month,
        month_changes.prior_mql_to_sql_rate,
        month_changes.mql_to_sql_rate,
        month_changes.rate_change,
        month_changes.explained_change,
        drivers.channel as driver_channel,
        drivers.share_of_change as driver_share_of_change,
        drivers.avg_fit_score_pct as driver_avg_fit_score_pct,
        comparisons.channel as comparison_channel,
        comparisons.avg_fit_score_pct as comparison_avg_fit_score_pct,
        drivers.channel_label as driver_label,
        comparisons.channel_label as comparison_label,
        100 * month_changes.rate_change as rate_change_points,
        round(abs(100 * month_changes.rate_change)) as rounded_points,
        case when month_changes.rate_change < 0 then 'fell' else 'rose' end as change_verb,
        case when month_changes.rate_change < 0 then 'decline' else 'increase' end as change_noun
    from month_changes
    left join drivers
        on month_changes.month = drivers.month
    left join comparisons
        on month_changes.month = comparisons.month

),

sentence_parts as (

    select
        month,
        {{ dbt.concat([
            "'MQL-to-SQL rate '",
            "change_verb",
            "' '",
            whole_number_text('rounded_points'),
            "case when rounded_points = 1 then ' point.' else ' points.' end",
        ]) }} as change_sentence,
        {{ dbt.concat([
            "' '",
            whole_number_text('100 * driver_share_of_change'),
            "'% of the '",
            "change_noun",
            "' is from '",
            "driver_label",
            "' MQLs'",
        ]) }} as driver_clause,
        case
            when driver_avg_fit_score_pct is not null
                then {{ dbt.concat(["', where fit scores average '", whole_number_text('driver_avg_fit_score_pct')]) }}
            else ''
        end as driver_fit_clause,
        case
            when driver_avg_fit_score_pct is not null and comparison_avg_fit_score_pct is not null
                then {{ dbt.concat([
                    "' versus '",
                    whole_number_text('comparison_avg_fit_score_pct'),
                    "' for '",
                    "comparison_label",
                    "' MQLs'",
                ]) }}
            else ''
        end as comparison_clause
    from summaries

),

final as (

    select
        summaries.month,
        summaries.prior_month,
        summaries.prior_mql_to_sql_rate,
        summaries.mql_to_sql_rate,
        summaries.rate_change,
        summaries.rate_change_points,
        summaries.explained_change,
        summaries.driver_channel,
        summaries.driver_share_of_change,
        summaries.driver_avg_fit_score_pct,
        summaries.comparison_channel,
        summaries.comparison_avg_fit_score_pct,
        case
            when summaries.rounded_points = 0 then 'MQL-to-SQL rate held steady.'
            else {{ dbt.concat([
                "sentence_parts.change_sentence",
                "sentence_parts.driver_clause",
                "sentence_parts.driver_fit_clause",
                "sentence_parts.comparison_clause",
                "'.'",
            ]) }}
        end as narrative
    from summaries
    inner join sentence_parts
        on summaries.month = sentence_parts.month

)

select * from final

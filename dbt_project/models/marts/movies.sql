-- One row per film of the selected source's catalogue, with MovieLens votes and the
-- figures derived from the conformed columns (title keys, return, popularity).
with

films as (
    select * from {{ catalogue_ref('films') }}
),

votes as (
    select * from {{ ref('int_film_ratings_aggregated') }}
),

final as (
    select
        films.movie_id,
        films.title,
        {{ title_key('films.title') }} as title_key,
        {{ title_key_without_article('films.title') }} as title_key_without_article,
        films.release_year,
        films.release_date,
        films.release_date_precision,
        films.runtime_minutes,
        films.mpaa_rating,
        films.genres,
        films.languages,
        films.countries,
        films.directors,
        films.production_companies,
        films.critics_rating,
        films.tomatometer,
        films.critic_review_count,
        films.metacritic_score,
        films.oscars_won,
        films.oscar_nominations,
        films.budget_usd,
        films.revenue_usd,
        films.revenue_source,
        case
            when
                films.budget_usd > 0 and films.revenue_usd > 0
                then {{ round_to('films.revenue_usd / films.budget_usd', 4) }}
        end as return_ratio,
        coalesce(votes.vote_count, 0)::integer as vote_count,
        {{ round_to('votes.vote_average', 3) }} as vote_average,
        -- MovieLens votes, plus the source's own count of opinions: critics' reviews
        -- (embedded) or TMDB votes (Kaggle).
        {{ round_to(
            'ln(1 + coalesce(votes.vote_count, 0))
            + ln(1 + coalesce(films.critic_review_count, films.tmdb_vote_count, 0))',
            4
        ) }} as popularity_score,
        films.tmdb_vote_count,
        films.wikidata_film_id,
        films.tmdb_id
    from films
    left join votes using (movie_id)
)

select * from final

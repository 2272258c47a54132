-- Synthetic credits: 3-10 cast members in billing order, one director (two for one
-- film in ten), one or two writers per film. People are drawn from a pool of three
-- per film with a power-law skew: a few people on many films (hundreds at 1M films), most
-- on one to three.
-- A person's name is a function of their index, so the same person keeps one name.
{% set scale = synthetic_scale() %}
{% set people = scale.films * 3 %}
{% set first_names = [
    'Ana', 'James', 'Maria', 'John', 'Sofia', 'Robert', 'Lucia', 'Michael', 'Elena', 'David', 'Carmen',
    'William', 'Laura', 'Richard', 'Isabel', 'Thomas', 'Marta', 'Charles', 'Paula', 'Daniel', 'Julia',
    'Matthew', 'Clara', 'Anthony', 'Irene', 'Mark', 'Sara', 'Steven', 'Alba', 'Paul', 'Yuki', 'Hiroshi',
    'Priya', 'Arjun', 'Olga', 'Ivan', 'Chen', 'Wei', 'Amara', 'Kwame'
] %}
{% set last_names = [
    'Garcia', 'Smith', 'Rodriguez', 'Johnson', 'Martinez', 'Williams', 'Lopez', 'Brown', 'Gonzalez', 'Jones',
    'Perez', 'Miller', 'Sanchez', 'Davis', 'Ramirez', 'Wilson', 'Torres', 'Anderson', 'Flores', 'Taylor',
    'Rivera', 'Thomas', 'Gomez', 'Moore', 'Diaz', 'Jackson', 'Reyes', 'Martin', 'Cruz', 'Lee', 'Tanaka',
    'Sato', 'Sharma', 'Patel', 'Ivanova', 'Petrov', 'Wang', 'Li', 'Mensah', 'Okafor'
] %}

with

film as (
    select
        film_index,
        movie_id
    from {{ ref('raw_synthetic__films') }}
),

slots as (
    -- (film, role, slot): cast slots 1..10, director slots 1..2, writer slots 1..2
    select
        film.film_index,
        film.movie_id,
        roles.role,
        cast(slots.slot_index + 1 as integer) as slot
    from film
    cross join (values ('cast', 10), ('director', 2), ('writer', 2)) as roles (role, max_slots)
    cross join {{ integer_series(10, 'slot_index') }} as slots
    where slots.slot_index < roles.max_slots
),

wanted as (
    select *
    from slots
    where slot <= case role
        when 'cast' then 3 + floor(8 * {{ synthetic_uniform('cast_size', 'film_index') }})
        when 'director' then case when {{ synthetic_uniform('two_directors', 'film_index') }} < 0.1 then 2 else 1 end
        else case when {{ synthetic_uniform('two_writers', 'film_index') }} < 0.4 then 2 else 1 end
    end
),

drawn as (
    select
        movie_id,
        role,
        slot,
        {{ synthetic_skewed_index(synthetic_uniform('person', 'film_index', 'role', 'slot'), people, 1.6) }}
            as person_index
    from wanted
),

named as (
    select
        movie_id,
        role,
        slot,
        person_index,
        {{ list_item(synthetic_text_list(first_names), '1 + person_index % 40') }} || ' '
        || {{ list_item(synthetic_text_list(last_names), '1 + ' ~ integer_divide('person_index', 40) ~ ' % 40') }}
        || case
            when person_index >= 1600 then ' ' || ({{ integer_divide('person_index', 1600) }} + 1)::string else ''
        end
            as person_name
    from drawn
)

select
    movie_id,
    person_index,
    person_name,
    role,
    slot
from named

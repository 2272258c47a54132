-- wrk script of the image test: each connection waits 20 ms before its next request,
-- a steady load on the serving container (about 50 requests/s per connection) that
-- leaves the CPU to the refresh container, instead of as many requests as the cores
-- can answer.
function delay()
    return 20
end

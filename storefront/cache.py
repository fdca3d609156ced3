"""Django's Redis cache, with one redis client per connection pool.

Django's client makes a new ``redis.Redis`` for every cache operation, and
redis-py fills about 170 response callbacks into each new one: on an
uncached page (18 cache reads: the site, the menu, renditions...) that was
more time than the reads themselves. A ``redis.Redis`` is safe to share
between threads; it takes a connection from its pool for each command."""

from django.core.cache.backends.redis import RedisCache, RedisCacheClient


class SharedClientRedisCacheClient(RedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client


class SharedClientRedisCache(RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = SharedClientRedisCacheClient

from bot.engine.lru import LRU


def test_an_insert_past_the_size_drops_the_least_recently_used() -> None:
    cache: LRU[int] = LRU(2)
    cache.put("a", 1)
    cache.put("b", 2)
    assert cache.get("a") == 1  # "a" is now the most recent
    cache.put("c", 3)
    assert "b" not in cache
    assert (cache.get("a"), cache.get("c"), len(cache)) == (1, 3, 2)


def test_putting_a_key_again_replaces_its_value_and_keeps_one_entry() -> None:
    cache: LRU[str] = LRU(3)
    cache.put("k", "old")
    cache.put("k", "new")
    assert (cache.get("k"), len(cache)) == ("new", 1)

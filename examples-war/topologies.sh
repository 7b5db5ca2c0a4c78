# Redis topologies for check-containers.sh (sourced): standalone, Sentinel (a master, two replicas, three
# sentinels) or Cluster (three masters with two replicas each), all on loopback ports from $redis_port on, with
# their logs and files in $work/redis. Sets REDIS_SESSION_REDIS_URI. Needs redis-server and redis-cli.

declare -A redis_pids=()
sentinel_name=check

# Starts one redis-server on port $1 with the arguments that follow.
start_node() {
    local p=$1
    shift
    mkdir -p "$work/redis/$p"
    (cd "$work/redis/$p" && exec redis-server --port "$p" --bind 127.0.0.1 --save '' --appendonly no "$@") \
        >> "$work/redis/$p.log" 2>&1 &
    redis_pids[$p]=$!
    until redis-cli -p "$p" ping >/dev/null 2>&1; do sleep 0.1; done
}

# Polls a shell condition for up to 30 s.
await() {
    local what=$1
    shift
    for _ in $(seq 1 300); do
        if eval "$*"; then return 0; fi
        sleep 0.1
    done
    fail "$what did not happen within 30 s; see $work/redis/*.log"
}

start_topology() {
    mkdir -p "$work/redis"
    case $1 in
    standalone)
        start_node "$redis_port"
        export REDIS_SESSION_REDIS_URI=redis://127.0.0.1:$redis_port;;
    sentinel)
        local master=$redis_port
        start_node "$master" --repl-diskless-sync-delay 0
        for p in $((master + 1)) $((master + 2)); do
            start_node "$p" --repl-diskless-sync-delay 0 --replicaof 127.0.0.1 "$master"
        done
        await "replication" '[[ $(redis-cli -p '"$master"' info replication | grep -c "^slave[0-9]*:.*state=online") == 2 ]]'
        local sentinels=()
        for p in $((master + 10)) $((master + 11)) $((master + 12)); do
            printf 'port %s\nbind 127.0.0.1\nsentinel monitor %s 127.0.0.1 %s 2\nsentinel down-after-milliseconds %s 1000\nsentinel failover-timeout %s 5000\n' \
                "$p" "$sentinel_name" "$master" "$sentinel_name" "$sentinel_name" > "$work/redis/sentinel-$p.conf"
            mkdir -p "$work/redis/$p"
            (cd "$work/redis/$p" && exec redis-server "$work/redis/sentinel-$p.conf" --sentinel) >> "$work/redis/$p.log" 2>&1 &
            redis_pids[$p]=$!
            sentinels+=("127.0.0.1:$p")
        done
        for p in $((master + 10)) $((master + 11)) $((master + 12)); do
            await "sentinel $p to know the group" '[[ $(sentinel_field '"$p"' num-slaves) == 2 && $(sentinel_field '"$p"' num-other-sentinels) == 2 ]]'
        done
        export REDIS_SESSION_REDIS_URI="redis-sentinel://$(IFS=,; echo "${sentinels[*]}")#$sentinel_name";;
    cluster)
        local nodes=()
        for i in $(seq 0 8); do
            local p=$((redis_port + i))
            start_node "$p" --cluster-enabled yes --cluster-config-file "nodes-$p.conf" --cluster-node-timeout 2000 \
                --repl-diskless-sync-delay 0
            nodes+=("127.0.0.1:$p")
        done
        redis-cli --cluster create "${nodes[@]}" --cluster-replicas 2 --cluster-yes > "$work/redis/create.log" 2>&1 \
            || fail "redis-cli --cluster create failed; see $work/redis/create.log"
        for i in $(seq 0 8); do
            await "cluster node $((redis_port + i)) to be ready" '[[ $(redis-cli -p '"$((redis_port + i))"' cluster info | tr -d "\r" | grep -c "^cluster_state:ok$") == 1 ]]'
        done
        export REDIS_SESSION_REDIS_URI="redis-cluster://127.0.0.1:$redis_port,127.0.0.1:$((redis_port + 1)),127.0.0.1:$((redis_port + 2))";;
    *)
        fail "unknown CHECK_TOPOLOGY '$1' (standalone sentinel cluster)";;
    esac
}

# Prints a field of SENTINEL MASTER as sentinel $1 sees the group.
sentinel_field() {
    redis-cli -p "$1" sentinel master "$sentinel_name" 2>/dev/null | grep -x -A1 "$2" | tail -n 1
}

# Prints the port of the master to kill: Sentinel's current master, or the Cluster master on $redis_port.
master_port() {
    case $1 in
    sentinel) redis-cli -p $((redis_port + 10)) sentinel get-master-addr-by-name "$sentinel_name" | tail -n 1;;
    cluster) echo "$redis_port";;
    esac
}

# Whether the master on port $2 was replaced: every sentinel names another one, or a replica of it is a master
# again with cluster_state:ok.
promoted() {
    local topology=$1 killed=$2
    case $topology in
    sentinel)
        for p in $((redis_port + 10)) $((redis_port + 11)) $((redis_port + 12)); do
            [[ $(redis-cli -p "$p" sentinel get-master-addr-by-name "$sentinel_name" | tail -n 1) != "$killed" ]] || return 1
        done;;
    cluster)
        for p in "${cluster_replicas[@]}"; do
            if [[ $(redis-cli -p "$p" role | head -n 1) == master &&
                  $(redis-cli -p "$p" cluster info | tr -d '\r' | grep -c '^cluster_state:ok$') == 1 ]]; then
                return 0
            fi
        done
        return 1;;
    esac
}

# Remembers the replicas of the Cluster master on port $1, the candidates for its promotion.
note_replicas() {
    local id
    id=$(redis-cli -p "$1" cluster myid)
    cluster_replicas=()
    while read -r _ addr flags master _; do
        [[ $flags == *slave* && $master == "$id" ]] && cluster_replicas+=("${addr%%@*}")
    done < <(redis-cli -p "$1" cluster nodes)
    cluster_replicas=("${cluster_replicas[@]##*:}")
}

stop_topology() {
    for p in "${!redis_pids[@]}"; do
        kill "${redis_pids[$p]}" 2>/dev/null
    done
}

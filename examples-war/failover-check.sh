# The failover step of check-containers.sh (sourced), for CHECK_TOPOLOGY=sentinel or cluster: 20 clients, each
# with its own session, keep requesting /session1/ from the containers in turn (a non-sticky balancer) while the
# Redis master is killed with kill -9. Every answer must be 200, every session's counter must go on without a
# step back (no acknowledged write lost: the containers run with writeAckReplicas=1), and every container must
# serve every session again within 5 s of the promotion. Prints the figures docs/operations.md reports.

failover_clients=20

# One client: requests its session from the containers in turn until $1/stop exists; one line per request:
# client container start-ns end-ns status counter.
failover_client() {
    local dir=$1 i=$2 sid n=0 c start end out code counter
    sid=$(cat "$dir/session-$i")
    while [[ ! -f $dir/stop ]]; do
        c=${containers[$(((i + n) % ${#containers[@]}))]}
        n=$((n + 1))
        start=$(date +%s%N)
        out=$(curl -s -m 60 -b "$cookie=$sid" -w '\n%{http_code}' "http://127.0.0.1:${port[$c]}/session1/")
        end=$(date +%s%N)
        code=${out##*$'\n'}
        counter=$(sed -n 's/.*id="counter">\([0-9]*\)<.*/\1/p' <<< "$out" | head -n 1)
        echo "$i $c $start $end $code ${counter:-0}" >> "$dir/requests"
    done
}

check_failover() {
    local topology=$1 dir="$work/failover" killed killed_at promoted_at clients=()
    rm -rf "$dir" && mkdir -p "$dir"
    for i in $(seq 1 $failover_clients); do
        read -r sid _ <<< "$(visit "http://127.0.0.1:${port[${containers[$((i % ${#containers[@]}))]}]}/session1/" "")"
        echo "$sid" > "$dir/session-$i"
    done
    for i in $(seq 1 $failover_clients); do
        failover_client "$dir" "$i" &
        clients+=($!)
    done
    sleep 3
    killed=$(master_port "$topology")
    [[ $topology == cluster ]] && note_replicas "$killed"
    kill -9 "${redis_pids[$killed]}"
    killed_at=$(date +%s%N)
    wait "${redis_pids[$killed]}" 2>/dev/null
    await "the promotion of a new master" 'promoted "$topology" "$killed"'
    promoted_at=$(date +%s%N)
    sleep 8
    touch "$dir/stop"
    for pid in "${clients[@]}"; do wait "$pid" 2>/dev/null; done

    # per client, requests are sequential: a 200 whose counter does not exceed the previous 200's lost a write;
    # "readable": the last, over every session, of its first 200 that started after the kill; "served again": the
    # same over every session and container
    local report
    report=$(sort -k1,1n -k3,3n "$dir/requests" | awk -v kill="$killed_at" -v promoted="$promoted_at" '
        { client = $1; pair = $1 " " $2; start = $3; end = $4; code = $5; counter = $6
          if (code != 200) { errors++ } else {
              if (client in last && counter <= last[client]) lost++
              last[client] = counter
              if (start > kill && !(pair in first)) first[pair] = end
              if (start > kill && !(client in readable)) readable[client] = end
          }
          if (end > kill) { during++; if (end - start > 500000000) waited++; if (end - start > slowest) slowest = end - start }
          total++ }
        END { served = 0; for (p in first) if (first[p] > served) served = first[p]
              read = 0; for (c in readable) if (readable[c] > read) read = readable[c]
              printf "%.1f %.1f %.1f %d %d %.1f %d %d %d\n", (promoted - kill) / 1e9, (read - kill) / 1e9,
                  (served - kill) / 1e9, during, waited, slowest / 1e9, errors, total, lost }')
    read -r promotion readable served during waited slowest errors total lost <<< "$report"
    echo "      FAILOVER $topology: promoted $promotion s after kill -9 of port $killed; every session readable" \
        "again $readable s after it, on every container $served s; $during requests after the kill, $waited" \
        "waited over 0.5 s; slowest $slowest s; $errors errors of $total requests; $lost acknowledged writes lost"
    if [[ $errors == 0 && $lost == 0 ]] && awk -v s="$served" -v p="$promotion" 'BEGIN { exit !(s - p <= 5) }'; then
        pass "$topology failover under $failover_clients clients: every request answered 200, no write lost"
    else
        flunk "$topology failover: errors, lost writes, or sessions served again late (see $dir/requests)"
    fi
}

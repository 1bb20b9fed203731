fn main() {
    let gz = liaison::gazetteer::Gazetteer::embedded().unwrap();
    let text = std::env::args().nth(1).unwrap();
    for m in gz.entities(&text) {
        println!(
            "{:?} {:?} -> {:?}",
            &text[m.start..m.end],
            m.entity,
            gz.entity_country(m.entity)
        );
    }
}

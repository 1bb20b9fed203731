//! Prints what the gazetteer recognises in a text, for checking data files:
//! `cargo run --example entities -- "Spanish police met the DGSI in Rabat"`.

fn main() {
    let gz = match liaison::gazetteer::Gazetteer::load(liaison::config::user_data_dir().as_deref())
    {
        Ok(g) => g,
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(2);
        }
    };
    let text = std::env::args().skip(1).collect::<Vec<_>>().join(" ");
    for m in gz.entities(&text) {
        println!(
            "{:?} {:?} -> {}",
            &text[m.start..m.end],
            m.entity,
            gz.entity_country(m.entity).unwrap_or("-")
        );
    }
    for t in gz.triggers(&text) {
        println!("{:?} trigger {}", &text[t.start..t.end], t.kind);
    }
    for (s, e, a) in gz.focus_hits(&text) {
        println!("{:?} focus {}", &text[s..e], gz.focus_areas[a]);
    }
}

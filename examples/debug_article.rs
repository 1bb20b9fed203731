fn main() {
    let gz = liaison::gazetteer::Gazetteer::embedded().unwrap();
    let path = std::env::args().nth(1).unwrap();
    let c = liaison::corpus::Corpus::from_paths(&[path.into()]).unwrap();
    for a in &c.articles {
        let r = liaison::extract::extract_article_from(&gz, a, None);
        println!("focal {:?} mentioned {:?}", r.focal, r.mentioned);
    }
}

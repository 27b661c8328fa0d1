for k in 10 20 100 200; do for pa in "0.5 0.1" "0.3 0.05" "0.7 0.1" "0.2 0.15"; do
 set -- $pa
 java -cp "$CP" Oracle unadjusted $k $1 $2
 java -cp "$CP" Oracle adjusted $k $1 $2
done; done
for pa in "0.5 0.1" "0.3 0.05"; do set -- $pa; java -Xss64m -cp "$CP" Oracle unadjusted 1000 $1 $2; timeout 900 java -Xss64m -cp "$CP" Oracle adjusted 1000 $1 $2; done
